import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/database';
import { CredentialLedger } from '../../../electron/issuance/ledger';

const input = { agencyCode: '0032', systemCode: '0001', applicantId: 'A', operator: 'op', reader: 'r' };

function fresh() {
  const store = openDatabase(':memory:');
  return { store, ledger: new CredentialLedger(store.db) };
}

describe('credential-number ledger', () => {
  it('hands out consecutive six-digit numbers per agency + system code', () => {
    const { ledger } = fresh();
    expect(ledger.reserve(input).credentialNumber).toBe('000001');
    expect(ledger.reserve(input).credentialNumber).toBe('000002');
    expect(ledger.reserve({ ...input, systemCode: '0002' }).credentialNumber).toBe('000001');
    expect(ledger.reserve({ ...input, agencyCode: '0033' }).credentialNumber).toBe('000001');
  });

  it('never reuses a number: failed numbers stay consumed', () => {
    const { ledger } = fresh();
    const a = ledger.reserve(input);
    ledger.transition(a.id, 'failed', 'card pulled');
    expect(ledger.reserve(input).credentialNumber).toBe('000002');
    expect(ledger.get(a.id)).toMatchObject({ state: 'failed', failure: 'card pulled' });
  });

  it('moves reserved → written → issued and refuses anything else', () => {
    const { ledger } = fresh();
    const a = ledger.reserve(input);
    expect(() => ledger.transition(a.id, 'issued')).toThrow(/reserved; it cannot become issued/);
    ledger.transition(a.id, 'written');
    ledger.transition(a.id, 'issued');
    expect(() => ledger.transition(a.id, 'failed')).toThrow(/issued; it cannot become failed/);
  });

  it('refuses to reserve inside another transaction (the reservation must commit on its own)', () => {
    const { store, ledger } = fresh();
    expect(() => store.db.transaction(() => ledger.reserve(input))()).toThrow(/own committed transaction/);
  });

  it('at start-up marks reservations of dead processes failed, leaves live ones and finished ones alone', () => {
    const { store } = fresh();
    const dead = new CredentialLedger(store.db, () => new Date(), 111);
    const live = new CredentialLedger(store.db, () => new Date(), 222);
    const d1 = dead.reserve(input);
    const d2 = dead.reserve(input);
    dead.transition(d2.id, 'written');
    const d3 = dead.reserve(input);
    dead.transition(d3.id, 'written');
    dead.transition(d3.id, 'issued');
    const l1 = live.reserve(input);
    const me = new CredentialLedger(store.db, () => new Date(), 333);
    const recovered = me.recoverDangling((pid) => pid === 222);
    expect(recovered.map((e) => e.id).sort()).toEqual([d1.id, d2.id].sort());
    expect(me.get(d2.id).failure).toMatch(/interrupted while written/);
    expect(me.get(d3.id).state).toBe('issued');
    expect(me.get(l1.id).state).toBe('reserved');
    expect(me.reserve(input).credentialNumber).toBe('000005');
  });

  it('stops at 999998 (999999 means a non-federal issuer) with a clear error', () => {
    const { store, ledger } = fresh();
    store.db.prepare("INSERT INTO credential_ledger (agency_code, system_code, credential_number, state, applicant_id, operator, reader, owner_pid, reserved_at, updated_at) VALUES ('0032', '0001', '999998', 'issued', 'x', 'x', 'x', 1, 'now', 'now')").run();
    expect(() => ledger.reserve(input)).toThrow(/Every credential number/);
  });
});
