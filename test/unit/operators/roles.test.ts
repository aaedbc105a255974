import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_LABELS } from '../../../electron/operators/roles';
import { OPERATOR_ROLES, ROLE_NAMES } from '../../../electron/ipc/channels/auth';

describe('roles', () => {
  it('the IPC contract and the operators layer name the same roles and labels', () => {
    expect([...OPERATOR_ROLES]).toEqual([...ROLES]);
    expect(ROLE_NAMES).toEqual(ROLE_LABELS);
  });
});
