import { z } from 'zod';
import { deviceStatusSchema } from './channels/devices';
import { captureEventSchema } from './channels/scanners';
import { fidoCoachingSchema } from './channels/devices-issuance';
import { issuanceProgressSchema } from './channels/issuance';

/** Messages main pushes to the renderer (no request). Features add theirs here. */
export const events = {
  'devices.changed': deviceStatusSchema,
  'capture.event': captureEventSchema,
  'deviceIssuance.fido.coaching': fidoCoachingSchema,
  'issuance.progress': issuanceProgressSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
