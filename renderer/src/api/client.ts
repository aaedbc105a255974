import type { ChannelName, RequestOf, ResponseOf } from '../../../electron/ipc/contract';
import type { IpcError } from '../../../electron/ipc/define';
import type { EventName, EventPayload } from '../../../electron/ipc/events';
import type { Transport } from './bridge';
import { takeToken, websocketTransport } from './websocket';

/** A typed error from main, as it crossed IPC: code, message (for people), details (data). */
export class ApiError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(e: IpcError) {
    super(e.message);
    this.code = e.code;
    this.details = e.details;
  }
}

function pickTransport(): Transport {
  const bridge = window.station;
  if (bridge) {
    return {
      call: (channel, request) => (bridge.call[channel] as (r: unknown) => ReturnType<Transport['call']>)(request),
      on: (event, listener) => bridge.on(event, listener),
    };
  }
  const token = takeToken();
  if (!token) {
    return {
      call: async () => ({ ok: false, error: { code: 'NO_STATION', message: 'This page is not connected to a station. Open the address that `npm run start:browser` printed, including its #token part.' } }),
      on: () => () => undefined,
    };
  }
  return websocketTransport(token);
}

let transport: Transport | null = null;
const getTransport = () => (transport ??= pickTransport());

export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await getTransport().call(channel, request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as ResponseOf<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return getTransport().on(event, listener);
}
