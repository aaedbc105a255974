import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../../electron/ipc/channels/devices';
import { call, subscribe, type ApiError } from '../api/client';

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Always-visible readers and scanners line; says plainly when devices are simulated. */
export function StatusBar() {
  const [status, setStatus] = useState<DeviceStatus>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    let live = true;
    call('devices.status', {})
      .then((s) => live && setStatus(s))
      .catch((e: ApiError) => live && setError(e));
    const off = subscribe('devices.changed', (s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, []);
  if (error) return <footer className="status-bar status-error" data-testid="status-bar">{error.message}</footer>;
  if (!status) return <footer className="status-bar" data-testid="status-bar">Checking devices…</footer>;
  const cards = status.readers.filter((r) => r.cardPresent).length;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-readers" className={status.pcsc.state === 'running' ? '' : 'status-warn'}>
        {status.pcsc.state === 'running' ? `${plural(status.readers.length, 'reader', 'readers')} · ${plural(cards, 'card', 'cards')} inserted` : status.pcsc.message}
      </span>
      <span data-testid="status-scanners">{plural(status.scanners.length, 'fingerprint scanner', 'fingerprint scanners')}</span>
      <span data-testid="status-simulated" className={status.simulated ? 'badge badge-sim' : 'badge'}>
        {status.simulated ? 'Simulated devices (training)' : status.readers.length + status.scanners.length === 0 ? 'No devices' : 'Real devices'}
      </span>
    </footer>
  );
}
