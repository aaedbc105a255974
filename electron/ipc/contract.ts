import type { z } from 'zod';
import { appChannels } from './channels/app';
import { deviceChannels } from './channels/devices';
import { scannerChannels } from './channels/scanners';
import { authChannels } from './channels/auth';
import { policyChannels } from './channels/policy';
import { auditChannels } from './channels/audit';
import { issuanceChannels } from './channels/issuance';
import { deviceIssuanceChannels } from './channels/devices-issuance';

/**
 * Every IPC channel, declared once. Features add `channels/<feature>.ts` and spread it here.
 * Main validates the request against `request` before dispatch and the reply against `response`.
 */
export const contract = {
  ...appChannels,
  ...deviceChannels,
  ...scannerChannels,
  ...authChannels,
  ...policyChannels,
  ...auditChannels,
  ...issuanceChannels,
  ...deviceIssuanceChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

export const channelNames = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
