/**
 * Derived PIV credential through the real stack: browser-mode handler table → PcscReaderManager →
 * pcscd → vpcd → the virtual PIV card (with a 9A key and its certificate), real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Station } from '../../../electron/app/station';
import { createDispatcher, type Dispatch } from '../../../electron/app/dispatch';
import { createHandlers } from '../../../electron/app/handlers/index';
import { deviceIssuanceServices } from '../../../electron/app/handlers/devices-issuance';
import { createLogger } from '../../../electron/app/logger';
import { Session } from '../../../electron/app/session';
import { VirtualPivCard } from '../../../electron/simulators/piv-card/card';
import { directTransport } from '../../../electron/simulators/vpcd/direct-transport';
import { provisionPivAuthentication } from '../../../electron/simulators/piv-card/piv-auth-credential';
import { formatUuid, randomUuidV4 } from '../../../electron/piv/uuid';
import { DEFAULT_DEVICE_ISSUANCE } from '../../../electron/policy/model/defaults';
import { hashActivationCode } from '../../../electron/derived/activation-codes';
import { ensurePcscd } from '../support/pcscd';
import { lockPort } from '../support/port-lock';
import { startInProcessCard, type InProcessCard } from '../support/simulated-card';
import { TEST_FASCN } from '../../unit/derived/fixtures';

const PORT = 35963;
const CARD_PIN = '123456';
let release: () => void;
let sim: InProcessCard;
let station: Station;
let dispatch: Dispatch;
let dir: string;
const logLines: string[] = [];
const guid = formatUuid(randomUuidV4());

function seedApplicantWithCard(): void {
  const db = station.database.db;
  const now = '2026-11-28T10:00:00Z';
  db.prepare("INSERT INTO applicants (id, given_name, surname, person_identifier, organizational_category, organizational_identifier, poa_category, credential_type, imported_at, imported_by, source) VALUES ('A-9', 'Jane', 'Doe', '1112223333', '1', '1223', '2', 'PIV Employee', ?, 'test', 'test')").run(now);
  const ledger = db
    .prepare("INSERT INTO credential_ledger (agency_code, system_code, credential_number, state, applicant_id, operator, reader, owner_pid, fascn_hex, guid, reserved_at, updated_at) VALUES ('0032', '0001', '092446', 'issued', 'A-9', 'admin', ?, 0, ?, ?, ?, ?)")
    .run(sim.reader, TEST_FASCN.toHex(), guid, now, now);
  db.prepare("INSERT INTO issued_cards (ledger_id, applicant_id, credential_number, ici, fascn_hex, guid, expiration_date, card_profile, policy, policy_version, reader, issued_at, issued_by, status) VALUES (?, 'A-9', '092446', '1', ?, ?, '2031-11-30', 'PIV-Standard-Initial', 'PIV Standard', 1, ?, ?, 'admin', 'active')").run(
    ledger.lastInsertRowid,
    TEST_FASCN.toHex(),
    guid,
    sim.reader,
    now,
  );
}

beforeAll(async () => {
  release = await lockPort(PORT);
  await ensurePcscd();
  const card = new VirtualPivCard();
  await provisionPivAuthentication(directTransport(card).transmit, { fascn: TEST_FASCN, guid: Buffer.from(guid.replace(/-/g, ''), 'hex'), expirationDate: '2031-11-30', subject: 'Jane Doe (TEST)' });
  sim = await startInProcessCard(PORT, { state: card.state });
  dir = mkdtempSync(join(tmpdir(), 'station-derived-it-'));
  const log = createLogger((l) => logLines.push(l), 'debug');
  station = await Station.open({ mode: 'browser', databasePath: join(dir, 'station.db'), simulate: 'never', log, devices: { hid: null } });
  dispatch = createDispatcher(createHandlers(station), log);
  seedApplicantWithCard();
}, 120_000);

afterAll(async () => {
  await station?.close();
  await sim?.stop();
  release?.();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('derived credential over pcscd + vpcd (virtual PIV card with a 9A key)', () => {
  it('checks the card in the reader, issues a one-time code, and revokeForCard stops further codes', async () => {
    const admin = { session: new Session(), emit: () => undefined };
    await dispatch('auth.setup', { name: 'admin', password: 'manager password' }, admin);
    expect(await dispatch('policy.save', { name: 'PIV Standard', baseVersion: 1, deviceIssuance: { ...DEFAULT_DEVICE_ISSUANCE, permittedDeviceTypes: { otp: false, fido: true, derived: true } } }, admin)).toMatchObject({ ok: true });

    const wrong = await dispatch('deviceIssuance.derived.issue', { applicantId: 'A-9', pin: '000000', reader: sim.reader }, admin);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'PIV_INVALID_PIN', details: { attemptsRemaining: 2 } } });

    const issued = await dispatch('deviceIssuance.derived.issue', { applicantId: 'A-9', pin: CARD_PIN, reader: sim.reader }, admin);
    expect(issued).toMatchObject({ ok: true, value: { activation: { state: 'pending', issuedBy: 'admin' } } });
    const code = (issued as { value: { code: string } }).value.code;
    expect((station.database.db.prepare('SELECT code_hash FROM derived_activation_codes').get() as { code_hash: string }).code_hash).toBe(hashActivationCode(code));
    expect(logLines.join('\n')).not.toContain(code);
    expect(logLines.join('\n')).not.toContain(`"${CARD_PIN}"`);

    // Revoking the card in the issuance records is enough to stop the code being redeemed...
    station.database.db.prepare("UPDATE issued_cards SET status = 'revoked' WHERE guid = ?").run(guid);
    expect(() => deviceIssuanceServices(station).derived.redeem(code, 'dpc-device')).toThrow(expect.objectContaining({ code: 'DERIVED_CODE_REFUSED', details: { reason: 'revoked' } }));
    station.database.db.prepare("UPDATE issued_cards SET status = 'active' WHERE guid = ?").run(guid);
    // ...and revokeForCard (for the issuance side to call) marks the codes and the card for good.
    expect(deviceIssuanceServices(station).derived.revokeForCard('issuance', { fascnHex: TEST_FASCN.toHex(), guid })).toBe(1);
    expect(await dispatch('deviceIssuance.issued', { applicantId: 'A-9' }, admin)).toMatchObject({ ok: true, value: { derived: [{ state: 'revoked' }] } });
    expect(await dispatch('deviceIssuance.derived.issue', { applicantId: 'A-9', pin: CARD_PIN, reader: sim.reader }, admin)).toMatchObject({ ok: false, error: { code: 'DERIVED_CARD_REVOKED' } });
  }, 120_000);
});
