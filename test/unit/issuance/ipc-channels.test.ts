import { describe, expect, it } from 'vitest';
import { issuanceChannels, issuanceProgressSchema, runViewSchema } from '../../../electron/ipc/channels/issuance';

describe('issuance IPC channel declarations', () => {
  it('refuse a weak-format PIN, an unknown replacement reason and a short override reason before dispatch', () => {
    const runId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(issuanceChannels['issuance.issue'].request.safeParse({ runId, pin: '12345' }).success).toBe(false);
    expect(issuanceChannels['issuance.issue'].request.safeParse({ runId, pin: '470219' }).success).toBe(true);
    expect(issuanceChannels['issuance.begin'].request.safeParse({ applicantId: 'A', reader: 'R', replace: { reason: 'none' } }).success).toBe(false);
    expect(issuanceChannels['issuance.override'].request.safeParse({ runId, reason: 'short' }).success).toBe(false);
    expect(issuanceChannels['issuance.attest'].request.safeParse({ runId, documents: ['passport', 'license'], photoCompared: false }).success).toBe(false);
  });

  it('only a System Manager may override or see the keys', () => {
    expect(issuanceChannels['issuance.override'].access).toEqual(['system_manager']);
    expect(issuanceChannels['keys.status'].access).toEqual(['system_manager']);
  });

  it('progress events and run views have the shapes the service produces', () => {
    expect(issuanceProgressSchema.safeParse({ runId: '0f8fad5b-d9cb-469f-a165-70867728950e', step: 'write-chuid', label: 'Write the CHUID', state: 'done', index: 6, total: 14 }).success).toBe(true);
    expect(runViewSchema.shape.state.options).toContain('issuing');
  });
});
