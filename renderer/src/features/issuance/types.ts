import type { ResponseOf } from '../../../../electron/ipc/contract';

export type RunView = ResponseOf<'issuance.begin'>;
export type IssuanceResult = ResponseOf<'issuance.issue'>;
export type Precheck = ResponseOf<'issuance.precheck'>;
export type Gate = RunView['gate'];
