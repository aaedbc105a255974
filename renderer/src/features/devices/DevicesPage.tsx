import { Page } from '../../components/Page';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useEffect, useState } from 'react';
import { useCall } from '../../api/useCall';
import { subscribe } from '../../api/client';
import { TestCapture } from './TestCapture';

export function DevicesPage() {
  const { data, error, reload } = useCall('devices.status', {});
  const [testing, setTesting] = useState<{ id: string; name: string }>();
  useEffect(() => subscribe('devices.changed', () => reload()), [reload]);
  return (
    <Page title="Devices" intro="Smart-card readers and fingerprint scanners connected to this station.">
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && (
        <>
          <h2>Card readers</h2>
          <p className="muted">{data.pcsc.message}</p>
          {data.readers.length === 0 ? (
            <p>No card readers found.</p>
          ) : (
            <table className="table">
              <thead>
                <tr><th>Reader</th><th>Card</th><th>ATR</th><th>Kind</th></tr>
              </thead>
              <tbody>
                {data.readers.map((r) => (
                  <tr key={r.name}>
                    <td>{r.name}</td>
                    <td>{r.cardPresent ? 'Inserted' : 'Empty'}</td>
                    <td className="mono">{r.atr ?? '—'}</td>
                    <td>{r.simulated ? 'Simulated' : 'Real'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Fingerprint scanners</h2>
          {data.scanners.length === 0 ? (
            <p>No fingerprint scanners found.</p>
          ) : (
            <table className="table">
              <thead>
                <tr><th>Scanner</th><th>Vendor/Product</th><th>State</th><th>Kind</th><th /></tr>
              </thead>
              <tbody>
                {data.scanners.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td className="mono">{s.vendorId.toString(16).padStart(4, '0')}:{s.productId.toString(16).padStart(4, '0')}</td>
                    <td>{s.state}</td>
                    <td>{s.simulated ? 'Simulated' : 'Real'}</td>
                    <td>
                      <button type="button" disabled={testing !== undefined || s.state !== 'ready'} onClick={() => setTesting({ id: s.id, name: s.name })}>
                        Test capture
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {testing && <TestCapture scannerId={testing.id} scannerName={testing.name} onClose={() => setTesting(undefined)} />}
        </>
      )}
    </Page>
  );
}
