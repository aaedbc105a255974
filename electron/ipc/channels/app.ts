import { z } from 'zod';
import { channel, empty } from '../define';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  simulatedDevices: z.boolean(),
  /** The fingerprint engine's native addon loaded; when not, `message` says what to do. */
  fingerprintEngine: z.object({ available: z.boolean(), message: z.string().optional() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app.info': channel({ request: empty, response: appInfoSchema, access: 'public', summary: 'Version, mode and database of this station.' }),
  'app.ping': channel({ request: z.object({ echo: z.string().max(200) }).strict(), response: z.object({ echo: z.string() }), access: 'public', summary: 'Round trip check.' }),
} as const;
