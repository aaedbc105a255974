import { afterEach, describe, expect, it } from 'vitest';
import { formatUuid } from '../../../electron/piv/uuid';
import { hashActivationCode, normalizeActivationCode } from '../../../electron/derived/activation-codes';
import { setup, operator } from '../device-issuance/setup';
import { issuedVirtualCard, TEST_FASCN } from './fixtures';

let env: ReturnType<typeof setup>;
afterEach(() => env?.close());

async function withCard() {
  env = setup();
  env.permit({ derived: true });
  const card = await issuedVirtualCard();
  env.applicants.set('A-1', { id: 'A-1', displayName: 'Jane Doe', credentialType: 'PIV Employee', currentCard: { fascnHex: TEST_FASCN.toHex(), guid: formatUuid(card.guid), expirationDate: '2031-11-30' } });
  return card;
}

describe('Derived PIV credential activation codes (virtual card in-process, real SQLite file)', () => {
  it('checks the card, issues a one-time code bound to the applicant and stores only its hash', async () => {
    const card = await withCard();
    const { code, record } = await env.service.issueDerived(operator, 'A-1', card.link.transmit, '123456');
    expect(code.split('-').map((g) => /^[0-9A-HJKMNP-TV-Z]{4}$/.test(g))).toEqual([true, true, true, true]);
    expect(record).toMatchObject({ applicantId: 'A-1', state: 'pending', cardFascn: TEST_FASCN.toHex(), expiresAt: '2026-11-28T15:00:00.000Z', issuedBy: 'bob' });
    const row = env.store.db.prepare('SELECT code_hash FROM derived_activation_codes').get() as { code_hash: string };
    expect(row.code_hash).toBe(hashActivationCode(code));
    expect(JSON.stringify(env.store.db.prepare('SELECT * FROM derived_activation_codes').all())).not.toContain(normalizeActivationCode(code));
    const audit = env.store.db.prepare("SELECT details FROM audit_journal WHERE action = 'device.derived.issued'").get() as { details: string };
    expect(audit.details).not.toContain(normalizeActivationCode(code));

    // Redeemable exactly once, typed loosely (lower case, no dashes).
    expect(env.derived.redeem(code.toLowerCase().replace(/-/g, ''), 'dpc-device')).toMatchObject({ applicantId: 'A-1', cardGuid: formatUuid(card.guid) });
    expect(() => env.derived.redeem(code, 'dpc-device')).toThrow(expect.objectContaining({ code: 'DERIVED_CODE_REFUSED', details: { reason: 'used' } }));
    expect(env.derived.get(record.id).state).toBe('redeemed');
  });

  it('expires codes, and a newer code supersedes an unredeemed older one', async () => {
    const card = await withCard();
    const first = await env.service.issueDerived(operator, 'A-1', card.link.transmit, '123456');
    card.link.reset();
    const second = await env.service.issueDerived(operator, 'A-1', card.link.transmit, '123456');
    expect(() => env.derived.redeem(first.code, 'dev')).toThrow(expect.objectContaining({ details: { reason: 'revoked' } }));
    env.advance(3_600_000);
    expect(() => env.derived.redeem(second.code, 'dev')).toThrow(expect.objectContaining({ details: { reason: 'expired' } }));
    expect(env.derived.forApplicant('A-1').map((c) => c.state)).toEqual(['revoked', 'expired']);
  });

  it('revokeForCard kills pending codes and refuses new ones from that card', async () => {
    const card = await withCard();
    const { code } = await env.service.issueDerived(operator, 'A-1', card.link.transmit, '123456');
    expect(env.derived.revokeForCard('issuance', { fascnHex: TEST_FASCN.toHex(), guid: formatUuid(card.guid) })).toBe(1);
    expect(env.derived.revokeForCard('issuance', { fascnHex: TEST_FASCN.toHex(), guid: formatUuid(card.guid) })).toBe(0);
    expect(() => env.derived.redeem(code, 'dev')).toThrow(expect.objectContaining({ details: { reason: 'revoked' } }));
    card.link.reset();
    await expect(env.service.issueDerived(operator, 'A-1', card.link.transmit, '123456')).rejects.toMatchObject({ code: 'DERIVED_CARD_REVOKED' });
  });

  it('a card revoked or superseded in the issuance records kills its codes even without revokeForCard', async () => {
    const card = await withCard();
    const status = new Map<string, 'active' | 'revoked' | 'superseded'>();
    const { DerivedCredentialService } = await import('../../../electron/derived/activation-codes');
    const derived = new DerivedCredentialService(env.store.db, { now: () => new Date(env.now()), cardStatus: ({ guid }) => status.get(guid) });
    const { code } = await env.service.issueDerived(operator, 'A-1', card.link.transmit, '123456');
    status.set(formatUuid(card.guid), 'superseded');
    expect(() => derived.redeem(code, 'dev')).toThrow(expect.objectContaining({ details: { reason: 'revoked' } }));
    status.set(formatUuid(card.guid), 'active');
    expect(derived.redeem(code, 'dev')).toMatchObject({ applicantId: 'A-1' });
  });

  it("refuses an applicant without an active card, and a card that is not the applicant's", async () => {
    const card = await withCard();
    const facts = env.applicants.get('A-1')!;
    env.applicants.set('A-1', { ...facts, currentCard: null });
    await expect(env.service.issueDerived(operator, 'A-1', card.link.transmit, '123456')).rejects.toMatchObject({ code: 'DERIVED_NO_VALID_CARD' });
    env.applicants.set('A-1', { ...facts, currentCard: { ...facts.currentCard!, guid: '11111111-2222-4333-8444-555555555555' } });
    await expect(env.service.issueDerived(operator, 'A-1', card.link.transmit, '123456')).rejects.toMatchObject({ code: 'DERIVED_WRONG_CARD' });
    expect(env.derived.forApplicant('A-1')).toEqual([]);
  });

  it('rejects malformed codes as bad input', () => {
    expect(() => normalizeActivationCode('ABCD-EFGH')).toThrow(expect.objectContaining({ code: 'DERIVED_CODE_FORMAT' }));
    expect(normalizeActivationCode('abcd-efgh-jkmn-pq0o')).toBe('ABCDEFGHJKMNPQ00');
  });
});
