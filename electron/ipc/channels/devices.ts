import { z } from 'zod';
import { channel, empty } from '../define';

export const readerStatusSchema = z.object({
  name: z.string(),
  cardPresent: z.boolean(),
  atr: z.string().nullable(),
  simulated: z.boolean(),
});

export const scannerStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  simulated: z.boolean(),
  state: z.enum(['ready', 'busy', 'error']),
});

export const deviceStatusSchema = z.object({
  pcsc: z.object({
    state: z.enum(['running', 'starting', 'not-running', 'unavailable']),
    message: z.string(),
  }),
  readers: z.array(readerStatusSchema),
  scanners: z.array(scannerStatusSchema),
  simulated: z.boolean(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const deviceChannels = {
  'devices.status': channel({ request: empty, response: deviceStatusSchema, access: 'public', summary: 'Readers and scanners, and whether they are real or simulated.' }),
} as const;
