import type { EventName, EventPayload } from '../ipc/events';
import type { Session } from './session';

/** What a handler gets besides the validated request. */
export interface CallContext {
  session: Session;
  /** Push an event to this caller's renderer. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}
