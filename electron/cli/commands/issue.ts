/**
 * `station issue`: the issuance workflow without the UI, for bureau and batch use. Same IssuanceService
 * as the wizard. Each --fingerprint is one capture; they are presented in turn until the gate decides
 * (a single impostor image is refused three times and locks the gate). When the gate does not pass,
 * the command exits non-zero before any number is reserved or anything is written to the card.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError, StationError } from '../../common/errors';
import type { CliCommand, CliContext } from '../command';
import { DB_OPTION, OPERATOR_OPTION, actAsOperator, promptHidden, withStore } from '../acting-operator';
import { nativePcscLite } from '../../pcsc/pcsclite-native';
import type { PcscLiteFactory } from '../../pcsc/pcsclite-port';
import { PcscReaderManager } from '../../pcsc/reader-manager';
import { PolicyService } from '../../policy/service';
import { ApplicantService } from '../../applicants/service';
import { createInProcessExtractor } from '../../fingerprints/extractor';
import { StationKeys } from '../../keys/station-keys';
import { PassphraseKeyProtector } from '../../keys/key-protector';
import { IssuanceService, ISSUERS } from '../../issuance/service';
import { pcscCardAccess } from '../../issuance/card-link';

export const CARD_PIN_ENV = 'STATION_CARD_PIN';
const CARD_WAIT_MS = 10_000;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

async function readPin(ctx: CliContext): Promise<string> {
  const fromEnv = ctx.io.env[CARD_PIN_ENV];
  if (fromEnv) return fromEnv;
  return promptHidden('Applicant: choose the card PIN (6-8 digits):', ctx.io);
}

export function createIssueCommand(factory: PcscLiteFactory = nativePcscLite): CliCommand {
  return {
    path: ['issue'],
    summary: 'Issue (or replace) a PIV card for an enrolled applicant',
    usage: '--applicant ID --reader NAME [--fingerprint IMAGE]... [--finger N] [--replace REASON] [--profile NAME] [--attest-documents DOC1,DOC2] [--override-reason TEXT] --operator NAME [--db PATH] [--json]',
    help: [
      'Runs: card pre-check → applicant verification → credential number → write signed objects → PIN →',
      'per-card management key → read back and verify → record. Prints {credentialNumber, fascnHex, fascn, guid,',
      `expirationDate, reader}. The applicant's PIN comes from ${CARD_PIN_ENV} or a hidden prompt.`,
      'Key passphrase: STATION_KEY_PASSPHRASE (the station keys are created as a TEST issuer on first use).',
      '--replace REASON: lost, stolen, damaged, expired or forgotten (empty = the policy default).',
      '--attest-documents: the operator inspected two identity documents and compared the photo (the fallback',
      'when the policy does not verify fingerprints, or after verification locked). --override-reason: System',
      'Manager override of a locked verification.',
    ].join('\n'),
    options: {
      ...DB_OPTION,
      ...OPERATOR_OPTION,
      applicant: { type: 'string' },
      reader: { type: 'string' },
      fingerprint: { type: 'string', multiple: true },
      finger: { type: 'string' },
      replace: { type: 'string' },
      profile: { type: 'string' },
      'attest-documents': { type: 'string' },
      'override-reason': { type: 'string' },
    },
    run(ctx) {
      const v = ctx.values;
      const applicantId = typeof v.applicant === 'string' ? v.applicant : '';
      const reader = typeof v.reader === 'string' ? v.reader : '';
      if (!applicantId || !reader) throw new InvalidInputError('ISSUE_USAGE', 'Name the applicant and the reader: --applicant ID --reader NAME.');
      const finger = typeof v.finger === 'string' ? Number(v.finger) : undefined;
      if (finger !== undefined && !(Number.isInteger(finger) && finger >= 1 && finger <= 10)) throw new InvalidInputError('ISSUE_FINGER', '--finger is a finger position 1-10.');
      return withStore(ctx, async (store) => {
        const actor = await actAsOperator(ctx, store, ISSUERS, 'issue cards');
        const keys = new StationKeys(store.db, PassphraseKeyProtector.fromEnv(ctx.io.env));
        await keys.ensure(actor.name);
        const manager = new PcscReaderManager({ factory });
        manager.start();
        try {
          const service = new IssuanceService({ db: store.db, keys, cards: pcscCardAccess(manager, CARD_WAIT_MS), policies: new PolicyService(store.db), applicants: new ApplicantService(store.db) });
          service.subscribe((e) => ctx.io.err(`[${e.index}/${e.total}] ${e.label}: ${e.state}${e.note ? ` (${e.note})` : ''}`));
          const replace = typeof v.replace === 'string' ? { reason: v.replace, ...(typeof v.profile === 'string' ? { cardProfile: v.profile } : {}) } : undefined;
          const run = service.begin(actor, { applicantId, reader, ...(replace ? { replace } : {}) });
          if (run.replacement) for (const line of run.replacement.summary) ctx.io.err(line);
          await service.precheck(run.runId);
          await verifyApplicant(ctx, service, run.runId, run.gate.mode, finger, actor);
          const result = await service.issue(run.runId, { pin: await readPin(ctx) });
          const out = { credentialNumber: result.credentialNumber, fascnHex: result.fascnHex, fascn: result.fascn, guid: result.guid, expirationDate: result.expirationDate, reader: result.reader, ...(result.replacement ? { replacement: result.replacement } : {}) };
          if (ctx.json) ctx.printJson(out);
          else ctx.io.out(`Card released: credential number ${out.credentialNumber}, FASC-N ${out.fascn}, expires ${out.expirationDate}.`);
          return 0;
        } finally {
          manager.stop();
        }
      });
    },
  };
}

async function verifyApplicant(ctx: CliContext, service: IssuanceService, runId: string, mode: 'fingerprint' | 'attestation', finger: number | undefined, actor: Parameters<IssuanceService['attest']>[1]): Promise<void> {
  const images = list(ctx.values.fingerprint);
  const docs = typeof ctx.values['attest-documents'] === 'string' ? ctx.values['attest-documents'].split(',').map((d) => d.trim()) : undefined;
  const overrideReason = typeof ctx.values['override-reason'] === 'string' ? ctx.values['override-reason'] : undefined;
  if (mode === 'fingerprint' && images.length > 0) {
    // A one-shot command has no event loop to keep responsive: extraction runs in this thread.
    const extractor = createInProcessExtractor();
    const probes = [];
    for (const p of images) {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(resolve(ctx.io.cwd, p));
      } catch (cause) {
        throw new InvalidInputError('FINGERPRINT_FILE_UNREADABLE', `Cannot read ${p}. Check the path.`, { path: p }, { cause });
      }
      probes.push(await extractor.extractFile(bytes));
    }
    for (let i = 0; ; i++) {
      const r = service.submitFingerprint(runId, probes[i % probes.length]!, finger);
      ctx.io.err(`Fingerprint attempt ${i + 1}: ${r.match ? 'match' : 'no match'} (score ${r.score}, threshold ${r.threshold})`);
      if (r.state !== 'open') break;
    }
  }
  let gate = service.get(runId).gate;
  if (gate.state !== 'passed' && docs && (mode === 'attestation' || gate.state === 'locked')) {
    gate = service.attest(runId, actor, { documents: [docs[0] ?? '', docs[1] ?? ''] as [string, string], photoCompared: true });
  }
  if (gate.state !== 'passed' && overrideReason !== undefined && gate.state === 'locked') gate = service.override(runId, actor, overrideReason);
  if (gate.state === 'passed') return;
  const why =
    mode === 'attestation'
      ? 'This policy does not verify fingerprints: attest the two-document and photo check with --attest-documents DOC1,DOC2.'
      : gate.state === 'locked'
        ? 'The fingerprint did not match after 3 attempts per finger; verification is locked. Use --attest-documents or a System Manager --override-reason.'
        : images.length === 0
          ? 'The policy verifies the applicant\'s fingerprint: give --fingerprint IMAGE.'
          : 'The fingerprint was not verified.';
  throw new StationError('APPLICANT_NOT_VERIFIED', `${why} Nothing was written to the card and no credential number was used.`, { gate: gate.state });
}

export const issueCommand = createIssueCommand();
