import { describe, expect, it } from 'vitest';
import { checkPivCard } from '../../../electron/derived/card-check';
import { KEY_REF, OBJECT_TAG } from '../../../electron/piv/constants';
import { generateKeyPairSync } from 'node:crypto';
import { formatUuid } from '../../../electron/piv/uuid';
import { issuedVirtualCard, TEST_FASCN } from './fixtures';

describe('PIV card check for derived credentials (virtual card, in-process training transport)', () => {
  it('verifies the PIN and a 9A signature over a fresh challenge against the 5FC105 certificate', async () => {
    const { link, guid } = await issuedVirtualCard();
    const identity = await checkPivCard(link.transmit, '123456', { now: () => new Date('2026-11-28T12:00:00Z') });
    expect(identity).toMatchObject({ fascnHex: TEST_FASCN.toHex(), guid: formatUuid(guid), chuidExpiration: '2031-11-30', keyAlgorithm: 'RSA-2048' });
    expect(identity.certificate.subject).toContain('Jane Doe (TEST)');
    expect(identity.certificate.sha256).toMatch(/^[0-9A-F]{64}$/i);
  });

  it('reports a wrong PIN with the tries left and never signs', async () => {
    const { link } = await issuedVirtualCard();
    await expect(checkPivCard(link.transmit, '000000')).rejects.toMatchObject({ code: 'PIV_INVALID_PIN', details: { attemptsRemaining: 2 } });
  });

  it('refuses a card whose 9A key does not match its certificate (key replaced after issuance)', async () => {
    const { card, link } = await issuedVirtualCard();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const stored = card.state.keys.get(KEY_REF.PIV_AUTHENTICATION)!;
    card.state.keys.set(KEY_REF.PIV_AUTHENTICATION, { ...stored, privateKeyPkcs8: new Uint8Array(other.export({ format: 'der', type: 'pkcs8' })) });
    await expect(checkPivCard(link.transmit, '123456')).rejects.toMatchObject({ code: 'DERIVED_CARD_KEY_MISMATCH' });
  });

  it('refuses an expired card and a card without a PIV Authentication certificate', async () => {
    const { link } = await issuedVirtualCard({ expirationDate: '2026-01-31' });
    await expect(checkPivCard(link.transmit, '123456', { now: () => new Date('2026-11-28T12:00:00Z') })).rejects.toMatchObject({ code: 'DERIVED_CARD_EXPIRED' });
    const fresh = await issuedVirtualCard();
    fresh.card.state.objects.delete(OBJECT_TAG.X509_PIV_AUTHENTICATION);
    await expect(checkPivCard(fresh.link.transmit, '123456')).rejects.toMatchObject({ code: 'PIV_NOT_FOUND' });
  });
});
