/**
 * IssuanceService rules with the virtual PIV card linked directly (training-mode link, no pcscd):
 * attestation when the policy does not verify fingerprints, override only by a System Manager, cancel
 * between steps, weak PIN refused before anything is reserved, an issued card refused at pre-check, the
 * content signer capping the expiration, and a forgotten-card replacement flagged temporary.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../electron/store/database';
import { PolicyService } from '../../../electron/policy/service';
import { ApplicantService } from '../../../electron/applicants/service';
import { StationKeys } from '../../../electron/keys/station-keys';
import { PassphraseKeyProtector } from '../../../electron/keys/key-protector';
import { IssuanceService } from '../../../electron/issuance/service';
import type { CardAccess } from '../../../electron/issuance/card-link';
import { VirtualPivCard } from '../../../electron/simulators/piv-card/card';
import { encodeTemplate, featuresToRecord } from '../../../electron/biometrics/templates';
import type { FingerprintFeatures, Minutia } from '../../../electron/biometrics/types';
import type { Actor } from '../../../electron/operators/roles';
import { DEFAULT_DEVICE_ISSUANCE } from '../../../electron/policy/model/defaults';

const sm: Actor = { id: 1, name: 'sam', role: 'system_manager' };
const bo: Actor = { id: 2, name: 'bob', role: 'badge_operator' };
const READER = 'Direct link';

function finger(seed: number): FingerprintFeatures {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const minutiae: Minutia[] = Array.from({ length: 40 }, () => ({ x: 20 + rnd() * 340, y: 20 + rnd() * 340, angle: rnd() * 2 * Math.PI, type: 'ending', quality: 80 }));
  return { width: 388, height: 374, dpi: 500, minutiae, quality: 80 };
}
const enrolled = finger(11);
const impostor = finger(12);

let store: OpenedDatabase;
let card: VirtualPivCard;
let service: IssuanceService;
let keys: StationKeys;
let policies: PolicyService;

const direct: CardAccess = { withCard: (reader, use) => use({ reader, atr: card.atr(), transmit: async (apdu) => card.process(apdu) }) };

function setPolicy(changes: Partial<typeof DEFAULT_DEVICE_ISSUANCE>): void {
  const p = policies.list()[0]!;
  policies.save(sm, { name: p.name, baseVersion: p.version, deviceIssuance: { ...policies.get(p.name).deviceIssuance, ...changes } });
}

beforeEach(async () => {
  store = openDatabase(':memory:');
  policies = new PolicyService(store.db);
  keys = new StationKeys(store.db, new PassphraseKeyProtector('unit test passphrase', 10));
  await keys.ensure('setup');
  const applicants = new ApplicantService(store.db);
  const template = Buffer.from(encodeTemplate(featuresToRecord(enrolled, { format: 'incits378', fingerPosition: 2 }))).toString('base64');
  await applicants.importRecords(sm, [{ id: 'P-1', givenName: 'Pat', surname: 'Doe', personIdentifier: '5550001111', organizationalCategory: '1', organizationalIdentifier: '0032', poaCategory: '1', fingerprints: [{ position: 2, template }] }], () => new Uint8Array(), 'unit');
  card = new VirtualPivCard();
  service = new IssuanceService({ db: store.db, keys, cards: direct, policies, applicants });
});

async function issueWithFinger(actor: Actor = bo, replace?: { reason?: string }) {
  const run = service.begin(actor, { applicantId: 'P-1', reader: READER, ...(replace ? { replace } : {}) });
  await service.precheck(run.runId);
  expect(service.submitFingerprint(run.runId, enrolled, 2).match).toBe(true);
  return service.issue(run.runId, { pin: '470219' });
}

const ledgerStates = () => (store.db.prepare('SELECT credential_number AS n, state, failure FROM credential_ledger ORDER BY id').all() as Array<{ n: string; state: string; failure: string | null }>);

describe('IssuanceService on the directly linked virtual card', () => {
  it('issues with a matching finger and reports every step in order', async () => {
    const seen: string[] = [];
    service.subscribe((e) => e.state === 'done' && seen.push(e.step));
    const r = await issueWithFinger();
    expect(r).toMatchObject({ credentialNumber: '000001', fascn: '0032-0001-000001-1-1-5550001111-1-0032-1', reader: READER });
    expect(seen).toEqual(['precheck', 'verify-applicant', 'reserve-number', 'compose', 'connect-card', 'write-chuid', 'write-printed-information', 'write-ccc', 'write-fingerprints', 'write-security-object', 'set-pin', 'rotate-management-key', 'verify-readback', 'record']);
  });

  it('refuses a weak PIN before any number is reserved', async () => {
    const run = service.begin(bo, { applicantId: 'P-1', reader: READER });
    await service.precheck(run.runId);
    service.submitFingerprint(run.runId, enrolled, 2);
    await expect(service.issue(run.runId, { pin: '123456' })).rejects.toMatchObject({ code: 'WEAK_PIN' });
    expect(ledgerStates()).toEqual([]);
  });

  it('cannot issue before the applicant is verified; locked after 3 misses; override only by a System Manager', async () => {
    const run = service.begin(bo, { applicantId: 'P-1', reader: READER });
    await service.precheck(run.runId);
    await expect(service.issue(run.runId, { pin: '470219' })).rejects.toMatchObject({ code: 'APPLICANT_NOT_VERIFIED' });
    for (let i = 0; i < 3; i++) service.submitFingerprint(run.runId, impostor, 2);
    expect(service.get(run.runId).gate.state).toBe('locked');
    expect(() => service.override(run.runId, bo, 'badge operator tries to override')).toThrow();
    service.override(run.runId, sm, 'Worn prints; identity confirmed by HR in person');
    expect((await service.issue(run.runId, { pin: '470219' })).credentialNumber).toBe('000001');
    const actions = (store.db.prepare("SELECT action FROM audit_journal WHERE action LIKE 'issuance.%' ORDER BY seq").all() as Array<{ action: string }>).map((a) => a.action);
    expect(actions).toEqual(['issuance.fingerprint_refused', 'issuance.fingerprint_refused', 'issuance.fingerprint_refused', 'issuance.fingerprint_locked', 'issuance.gate_override', 'issuance.card_issued']);
  });

  it('a policy without fingerprint verification requires the document + photo attestation', async () => {
    setPolicy({ verifyApplicantFingerprint: false });
    const run = service.begin(bo, { applicantId: 'P-1', reader: READER });
    expect(run.gate.mode).toBe('attestation');
    await service.precheck(run.runId);
    expect(() => service.submitFingerprint(run.runId, enrolled, 2)).toThrow(/does not verify fingerprints/);
    service.attest(run.runId, bo, { documents: ['passport', 'driver license'], photoCompared: true });
    expect((await service.issue(run.runId, { pin: '470219' })).credentialNumber).toBe('000001');
  });

  it('cancel between steps stops the run; the number stays consumed and is marked failed, nothing issued', async () => {
    const run = service.begin(bo, { applicantId: 'P-1', reader: READER });
    await service.precheck(run.runId);
    service.submitFingerprint(run.runId, enrolled, 2);
    service.subscribe((e) => e.step === 'write-ccc' && e.state === 'done' && service.cancel(run.runId));
    await expect(service.issue(run.runId, { pin: '470219' })).rejects.toMatchObject({ code: 'ISSUANCE_CANCELLED' });
    expect(ledgerStates()).toEqual([{ n: '000001', state: 'failed', failure: 'write-fingerprints: ISSUANCE_CANCELLED' }]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM issued_cards').get()).toEqual({ n: 0 });
    // The half-written card starts again from pre-check and gets the next number.
    const again = await issueWithFinger();
    expect(again.credentialNumber).toBe('000002');
  });

  it('refuses at pre-check a card that is already issued', async () => {
    await issueWithFinger();
    const run = service.begin(bo, { applicantId: 'P-1', reader: READER });
    await expect(service.precheck(run.runId)).rejects.toMatchObject({ code: 'CARD_ALREADY_ISSUED' });
  });

  it('takes agency, system code and validity from the policy', async () => {
    setPolicy({ cardValidityYears: 2, fascn: { agencyCode: '0047', systemCode: '0203' } });
    const r = await issueWithFinger();
    expect(r.fascn).toBe('0047-0203-000001-1-1-5550001111-1-0032-1');
    const now = new Date();
    const { addYears, isoDay } = await import('../../../electron/issuance/expiration');
    expect(r.expirationDate).toBe(addYears(isoDay(now), 2));
  });

  it('a forgotten-card replacement flags the new card temporary and leaves the old one active', async () => {
    await issueWithFinger();
    card = new VirtualPivCard();
    const preview = service.previewReplacement(bo, 'P-1', 'forgotten');
    expect(preview).toMatchObject({ oldCardAction: 'keep-active', temporary: true, newIci: '2', oldCredentialNumber: '000001' });
    const r = await issueWithFinger(bo, { reason: 'forgotten' });
    expect(r.replacement).toEqual({ reason: 'forgotten', oldCredentialNumber: '000001', oldCardStatus: 'active', temporary: true });
    expect(store.db.prepare('SELECT credential_number AS n, status, temporary FROM issued_cards ORDER BY id').all()).toEqual([
      { n: '000001', status: 'active', temporary: 0 },
      { n: '000002', status: 'active', temporary: 1 },
    ]);
  });
});
