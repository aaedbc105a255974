import type { CliCommand } from '../command';
import { operatorsAdd } from './operators-add';
import { operatorsList } from './operators-list';
import { operatorsUnlock } from './operators-unlock';
import { auditVerify } from './audit-verify';
import { auditExport } from './audit-export';
import { policyList } from './policy-list';
import { policyShow } from './policy-show';
import { policyExport } from './policy-export';
import { policyImport } from './policy-import';
import { policySigner } from './policy-signer';
import { policyTrust } from './policy-trust';

/** The admin side: operators, the audit journal, credential policies. */
export const adminCommands: CliCommand[] = [operatorsAdd, operatorsList, operatorsUnlock, auditVerify, auditExport, policyList, policyShow, policyExport, policyImport, policySigner, policyTrust];
