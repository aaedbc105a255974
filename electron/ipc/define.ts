import { z } from 'zod';

/** The error shape that crosses IPC (and the browser-mode WebSocket) intact. */
export const ipcErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** Who may call it. 'public' needs no sign-in; a role list needs a signed-in operator holding one of them. */
  access: 'public' | 'signedIn' | readonly string[];
  summary: string;
}

/** Declares one channel; keeps the literal types of its schemas. */
export function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: ChannelSpec<Req, Res>): ChannelSpec<Req, Res> {
  return spec;
}

export const empty = z.object({}).strict();
