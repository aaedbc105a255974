/**
 * The issuance use case, step by step so a wizard (over IPC) and the headless CLI drive the same code:
 *   begin → precheck → verify applicant (fingerprint gate / attestation / override) → issue(PIN)
 * issue() reserves a credential number in its own committed transaction, composes and signs the
 * objects, writes them, sets PIN/PUK, rotates the management key, reads everything back and only then
 * records the card as issued. Any failure after the reservation marks the number failed (it stays
 * consumed) and leaves nothing recorded as issued; the same card can start again from precheck.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import { InvalidInputError, StationError, isStationError } from '../common/errors';
import { AuditJournal } from '../audit/journal';
import type { Actor } from '../operators/roles';
import { requireRole } from '../operators/errors';
import { PivSession } from '../piv/session';
import { ALGORITHM } from '../piv/constants';
import { formatUuid, randomUuidV4 } from '../piv/uuid';
import type { ManagementKeyAlgorithm } from '../piv/management-key';
import type { PolicyService } from '../policy/service';
import type { CardProfile } from '../policy/model/card-profiles';
import type { CredentialPolicy } from '../policy/model/model';
import type { FingerprintFeatures } from '../biometrics/types';
import { decodeTemplate, recordToFeatures } from '../biometrics/templates';
import type { StationKeys } from '../keys/station-keys';
import type { ApplicantService } from '../applicants/service';
import type { ApplicantRow } from '../applicants/repository';
import { CredentialLedger, type ProcessAlive } from './ledger';
import { CardRepository, type IssuedCard } from './cards';
import { computeExpiration } from './expiration';
import { assertAcceptablePin } from './pin-policy';
import { parseReplacementReason, planReplacement, type ReplacementOutcome } from './replacement';
import { BiometricGate, type Attestation, type GateAttempt, type GateSnapshot } from './biometric-gate';
import { precheckCard, type PrecheckResult } from './precheck';
import { WRITE_ORDER, composeFascn, composeObjects, unsupportedObjects } from './compose';
import { personalize, WRITE_STEP } from './personalize';
import type { CardAccess } from './card-link';
import { STEP_LABELS, type IssuanceProgress, type IssuanceStep, type ProgressListener } from './events';

export const ISSUERS = ['badge_operator', 'system_manager'] as const;
const OVERRIDERS = ['system_manager'] as const;
/** Ledger identities of unfinished attempts tried as management-key candidates at precheck. */
const EARLIER_IDENTITIES = 20;

const PROFILE_ALGORITHM: Record<CardProfile['managementKeyAlgorithm'], ManagementKeyAlgorithm> = {
  'AES-128': ALGORITHM.AES_128,
  'AES-192': ALGORITHM.AES_192,
  'AES-256': ALGORITHM.AES_256,
};

export interface BeginInput {
  applicantId: string;
  reader: string;
  /** Present for a replacement: the reason (policy default when omitted) and the replacement profile. */
  replace?: { reason?: string; cardProfile?: string };
}

export interface IssuanceResult {
  credentialNumber: string;
  fascnHex: string;
  fascn: string;
  guid: string;
  expirationDate: string;
  reader: string;
  cardProfile: string;
  replacement?: { reason: string; oldCredentialNumber: string; oldCardStatus: string; temporary: boolean };
}

export interface RunView {
  runId: string;
  applicantId: string;
  reader: string;
  policy: { name: string; version: number; verifyApplicantFingerprint: boolean; cardValidityYears: number; agencyCode: string; systemCode: string };
  cardProfile: string;
  replacement?: ReplacementOutcome & { oldCredentialNumber: string; allowedProfiles: string[] };
  precheck?: PrecheckResult;
  gate: GateSnapshot;
  steps: Array<{ step: IssuanceStep; label: string }>;
  state: 'open' | 'issuing' | 'issued' | 'failed' | 'cancelled';
}

interface Run {
  id: string;
  actor: Actor;
  applicant: ApplicantRow;
  reader: string;
  policy: CredentialPolicy;
  profile: CardProfile;
  replacement?: { outcome: ReplacementOutcome; oldCard: IssuedCard; allowedProfiles: string[] };
  precheck?: PrecheckResult;
  gate: BiometricGate;
  state: RunView['state'];
  cancelled: boolean;
  steps: IssuanceStep[];
}

export interface IssuanceServiceDeps {
  db: Db;
  keys: StationKeys;
  cards: CardAccess;
  policies: PolicyService;
  applicants: ApplicantService;
  now?: () => Date;
  processAlive?: ProcessAlive;
}

export class IssuanceService {
  private readonly db: Db;
  private readonly ledger: CredentialLedger;
  private readonly cardsRepo: CardRepository;
  private readonly journal: AuditJournal;
  private readonly now: () => Date;
  private readonly runs = new Map<string, Run>();
  private readonly listeners = new Set<ProgressListener>();

  constructor(private readonly deps: IssuanceServiceDeps) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
    this.ledger = new CredentialLedger(this.db, this.now);
    this.cardsRepo = new CardRepository(this.db);
    this.journal = new AuditJournal(this.db, this.now);
    for (const e of this.ledger.recoverDangling(deps.processAlive)) {
      this.journal.append({ actor: '(station)', action: 'issuance.recovered_failed', subject: e.credentialNumber, details: { ledgerId: e.id, applicantId: e.applicantId, failure: e.failure } });
    }
  }

  /** Progress events of every run (the IPC layer forwards them to the window that owns the run). */
  subscribe(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(run: Run, step: IssuanceStep, state: IssuanceProgress['state'], note?: string): void {
    const e: IssuanceProgress = { runId: run.id, step, label: STEP_LABELS[step], state, index: run.steps.indexOf(step) + 1, total: run.steps.length, ...(note ? { note } : {}) };
    for (const l of this.listeners) l(e);
  }

  private policyFor(applicant: ApplicantRow): CredentialPolicy {
    const all = this.deps.policies.list();
    const wanted = applicant.credential_type;
    const match = wanted ? all.find((p) => p.credentialType === wanted) : all.length === 1 ? all[0] : undefined;
    if (!match) {
      throw new StationError('POLICY_NOT_RESOLVED', wanted ? `No credential policy for credential type "${wanted}". Ask the System Manager to create it.` : 'The applicant has no credential type and the station has several policies; set credentialType in the enrollment record.', { credentialType: wanted });
    }
    return this.deps.policies.get(match.name);
  }

  private profile(name: string): CardProfile {
    const p = this.deps.policies.cardProfile(name);
    if (!p) throw new StationError('CARD_PROFILE_NOT_FOUND', `Card profile "${name}" named by the policy does not exist. Ask the System Manager to fix the policy.`, { name });
    return p;
  }

  private run(runId: string): Run {
    const r = this.runs.get(runId);
    if (!r) throw new StationError('ISSUANCE_RUN_NOT_FOUND', 'This issuance is no longer open (finished, cancelled or the station restarted). Start again.', { runId });
    return r;
  }

  private view(r: Run): RunView {
    const d = r.policy.deviceIssuance;
    return {
      runId: r.id,
      applicantId: r.applicant.id,
      reader: r.reader,
      policy: { name: r.policy.name, version: r.policy.version, verifyApplicantFingerprint: d.verifyApplicantFingerprint, cardValidityYears: d.cardValidityYears, agencyCode: d.fascn.agencyCode, systemCode: d.fascn.systemCode },
      cardProfile: r.profile.name,
      ...(r.replacement ? { replacement: { ...r.replacement.outcome, oldCredentialNumber: r.replacement.oldCard.credentialNumber, allowedProfiles: r.replacement.allowedProfiles } } : {}),
      ...(r.precheck ? { precheck: r.precheck } : {}),
      gate: r.gate.snapshot(),
      steps: r.steps.map((s) => ({ step: s, label: STEP_LABELS[s] })),
      state: r.state,
    };
  }

  /** Opens a run: resolves policy and card profile, and for a replacement shows what will happen. */
  begin(actor: Actor, input: BeginInput): RunView {
    requireRole(actor, ISSUERS, 'issue cards');
    if (!input.reader) throw new InvalidInputError('READER_REQUIRED', 'Pick the reader that holds the card.');
    const applicant = this.deps.applicants.require(input.applicantId);
    const policy = this.policyFor(applicant);
    const d = policy.deviceIssuance;
    let profile = this.profile(d.cmsCardPolicy);
    let replacement: Run['replacement'];
    if (input.replace) {
      const oldCard = this.cardsRepo.current(applicant.id);
      if (!oldCard) throw new StationError('NO_CARD_TO_REPLACE', `Applicant ${applicant.id} has no active card to replace; issue a first card instead.`, { applicantId: applicant.id });
      const reason = parseReplacementReason(input.replace.reason, d.defaultReplacementReason);
      const allowed = d.cmsCardReplacementPolicy;
      const name = input.replace.cardProfile ?? allowed[0];
      if (!name || !allowed.includes(name)) {
        throw new InvalidInputError('REPLACEMENT_PROFILE_INVALID', `Choose a replacement card profile the policy allows: ${allowed.join(', ')}.`, { allowed });
      }
      profile = this.profile(name);
      replacement = { outcome: planReplacement(reason, oldCard), oldCard, allowedProfiles: [...allowed] };
    }
    const enrolled = this.deps.applicants.enrolledFingerprints(applicant.id).map((f) => ({ position: f.position, features: recordToFeatures(decodeTemplate(f.template), 0) }));
    const gate = new BiometricGate(d.verifyApplicantFingerprint ? 'fingerprint' : 'attestation', enrolled);
    const steps: IssuanceStep[] = ['precheck', 'verify-applicant', 'reserve-number', 'compose', 'connect-card', ...WRITE_ORDER.filter((o) => profile.dataObjects.includes(o)).map((o) => WRITE_STEP[o]!), 'set-pin', 'rotate-management-key', 'verify-readback', 'record'];
    const run: Run = { id: randomUUID(), actor, applicant, reader: input.reader, policy, profile, ...(replacement ? { replacement } : {}), gate, state: 'open', cancelled: false, steps };
    this.runs.set(run.id, run);
    return this.view(run);
  }

  get(runId: string): RunView {
    return this.view(this.run(runId));
  }

  /** Checks the inserted card; nothing is written and no number is reserved. */
  async precheck(runId: string): Promise<PrecheckResult> {
    const run = this.run(runId);
    this.emit(run, 'precheck', 'running');
    try {
      const earlier = this.ledger
        .list({ state: 'failed' })
        .filter((e) => e.fascnHex && e.guid)
        .slice(-EARLIER_IDENTITIES)
        .reverse()
        .map((e) => ({ fascnHex: e.fascnHex!, guid: e.guid! }));
      run.precheck = await this.deps.cards.withCard(run.reader, (link) =>
        precheckCard({
          session: new PivSession(link.transmit),
          reader: link.reader,
          atr: link.atr,
          withMaster: (use) => this.deps.keys.withMasterKey(use),
          earlierIdentities: earlier,
          issuedCardFor: (fascnHex) => {
            const c = this.cardsRepo.byFascn(fascnHex);
            return c ? { credentialNumber: c.credentialNumber, applicantId: c.applicantId } : undefined;
          },
        }),
      );
      run.reader = run.precheck.reader;
      this.emit(run, 'precheck', 'done', run.precheck.blank ? 'blank card' : 'card from an unfinished attempt');
      return run.precheck;
    } catch (e) {
      this.emit(run, 'precheck', 'failed', isStationError(e) ? e.code : 'ERROR');
      throw e;
    }
  }

  /** One live capture compared 1:1 with the enrolled fingers. The decision is journalled; the image is not. */
  submitFingerprint(runId: string, probe: FingerprintFeatures, position?: number): GateAttempt {
    const run = this.run(runId);
    const r = run.gate.attempt(probe, position);
    this.journal.append({ actor: run.actor.name, action: r.match ? 'issuance.fingerprint_matched' : 'issuance.fingerprint_refused', subject: run.applicant.id, details: { score: r.score, threshold: r.threshold, position: r.position, gate: r.state } });
    if (r.state === 'locked') this.journal.append({ actor: run.actor.name, action: 'issuance.fingerprint_locked', subject: run.applicant.id, details: { attemptsLeft: r.attemptsLeft } });
    if (r.state !== 'open') this.emit(run, 'verify-applicant', r.state === 'passed' ? 'done' : 'failed', r.state === 'passed' ? 'fingerprint matched' : 'fingerprint verification locked');
    return r;
  }

  /** The FIPS 201-3 fallback attested by the operator running the issuance. */
  attest(runId: string, actor: Actor, attestation: Attestation): GateSnapshot {
    const run = this.run(runId);
    requireRole(actor, ISSUERS, 'attest the identity document check');
    run.gate.attest(attestation);
    this.journal.append({ actor: actor.name, action: 'issuance.identity_attested', subject: run.applicant.id, details: { documents: attestation.documents, photoCompared: true, policyAsksFingerprint: run.gate.mode === 'fingerprint' } });
    this.emit(run, 'verify-applicant', 'done', 'documents and photo attested');
    return run.gate.snapshot();
  }

  /** A System Manager lets a locked verification through, with a reason. */
  override(runId: string, actor: Actor, reason: string): GateSnapshot {
    const run = this.run(runId);
    requireRole(actor, OVERRIDERS, 'override a locked fingerprint verification');
    run.gate.override(reason);
    this.journal.append({ actor: actor.name, action: 'issuance.gate_override', subject: run.applicant.id, details: { reason: reason.trim(), operator: run.actor.name } });
    this.emit(run, 'verify-applicant', 'done', 'System Manager override');
    return run.gate.snapshot();
  }

  /** Cancel: takes effect between steps; a reserved number is marked failed. */
  cancel(runId: string): void {
    const run = this.runs.get(runId);
    if (!run) return;
    run.cancelled = true;
    if (run.state === 'open') {
      run.state = 'cancelled';
      this.runs.delete(runId);
    }
  }

  /** Writes and releases the card. `pin` is the applicant's choice from the applicant-facing step. */
  async issue(runId: string, input: { pin: string }): Promise<IssuanceResult> {
    const run = this.run(runId);
    if (run.state !== 'open') throw new StationError('ISSUANCE_NOT_OPEN', 'This issuance is already running or finished.');
    if (!run.precheck) throw new StationError('PRECHECK_REQUIRED', 'Check the card first (pre-check) before issuing.');
    if (!run.gate.passed) throw new StationError('APPLICANT_NOT_VERIFIED', 'The applicant is not verified yet: fingerprint, or the document and photo check, or a System Manager override.');
    assertAcceptablePin(input.pin, { personIdentifier: run.applicant.person_identifier });
    const d = run.policy.deviceIssuance;
    const signer = await this.deps.keys.contentSigner();
    const issueDate = this.now();
    const fingerprints = this.deps.applicants.enrolledFingerprints(run.applicant.id);
    const captured = fingerprints.map((f) => f.captured_at).sort()[0];
    const expiration = computeExpiration({ issueDate, validityYears: d.cardValidityYears, signerNotAfter: signer.notAfter, ...(captured ? { biometricCapturedAt: new Date(captured) } : {}) });
    run.state = 'issuing';
    const checkCancel = (step: IssuanceStep) => {
      if (run.cancelled) throw new StationError('ISSUANCE_CANCELLED', 'The issuance was cancelled.', { step });
    };
    let current: IssuanceStep = 'reserve-number';
    const step = async <T>(name: IssuanceStep, work: () => Promise<T> | T, note?: (r: T) => string): Promise<T> => {
      current = name;
      checkCancel(name);
      this.emit(run, name, 'running');
      const r = await work();
      this.emit(run, name, 'done', note?.(r));
      return r;
    };
    for (const skipped of unsupportedObjects(run.profile)) this.journal.append({ actor: run.actor.name, action: 'issuance.object_skipped', subject: run.applicant.id, details: { object: skipped, profile: run.profile.name } });

    const entry = await step('reserve-number', () => this.ledger.reserve({ agencyCode: d.fascn.agencyCode, systemCode: d.fascn.systemCode, applicantId: run.applicant.id, operator: run.actor.name, reader: run.reader }), (e) => `credential number ${e.credentialNumber}`);
    try {
      const ici = run.replacement ? run.replacement.outcome.newIci : run.applicant.initial_ici;
      const guid = randomUuidV4();
      const { fascn, objects } = await step('compose', async () => {
        const fascn = composeFascn({ agencyCode: d.fascn.agencyCode, systemCode: d.fascn.systemCode, credentialNumber: entry.credentialNumber, ici, applicant: run.applicant });
        this.ledger.attachIdentity(entry.id, fascn.toHex(), formatUuid(guid));
        const objects = await composeObjects({ agencyCode: d.fascn.agencyCode, systemCode: d.fascn.systemCode, credentialNumber: entry.credentialNumber, ici, applicant: run.applicant, fingerprints, expirationDate: expiration.expirationDate, issueDate, guid, signer, profile: run.profile }, fascn);
        return { fascn, objects };
      });
      const pre = run.precheck;
      const identity = { guid: formatUuid(guid), fascnHex: fascn.toHex() };
      await this.deps.cards.withCard(run.reader, (link) =>
        personalize({
          session: new PivSession(link.transmit),
          currentKey: pre.key,
          pukIdentities: [...(pre.key.kind === 'diversified' ? [{ guid: pre.key.guid, fascnHex: pre.key.fascnHex }] : []), ...(pre.chuid ? [{ guid: pre.chuid.guid, fascnHex: pre.chuid.fascnHex }] : [])],
          objects,
          newIdentity: identity,
          newKeyAlgorithm: PROFILE_ALGORITHM[run.profile.managementKeyAlgorithm],
          pin: input.pin,
          signerCertificate: signer.certificate,
          withMaster: (use) => this.deps.keys.withMasterKey(use),
          step: async (name, work) => {
            const r = await step(name, work);
            if (name === 'rotate-management-key') this.ledger.transition(entry.id, 'written');
            return r;
          },
        }),
      );
      const result = await step('record', () => this.record(run, entry.id, entry.credentialNumber, ici, identity, expiration.expirationDate, issueDate));
      run.state = 'issued';
      this.runs.delete(run.id);
      return { ...result, fascn: fascn.toString() };
    } catch (e) {
      run.state = run.cancelled ? 'cancelled' : 'failed';
      this.runs.delete(run.id);
      const code = isStationError(e) ? e.code : 'INTERNAL';
      const why = `${current}: ${code}`;
      try {
        const now = this.ledger.get(entry.id);
        if (now.state === 'reserved' || now.state === 'written') this.ledger.transition(entry.id, 'failed', why);
        this.journal.append({ actor: run.actor.name, action: 'issuance.failed', subject: entry.credentialNumber, details: { applicantId: run.applicant.id, step: current, error: code, ledgerId: entry.id } });
      } finally {
        this.emit(run, current, 'failed', code);
      }
      const message = isStationError(e) ? e.message : 'An unexpected error stopped the issuance.';
      throw new StationError(code === 'ISSUANCE_CANCELLED' ? code : 'ISSUANCE_FAILED', `Issuance stopped at "${STEP_LABELS[current]}": ${message} Credential number ${entry.credentialNumber} is used up and marked failed; nothing was recorded as issued. Start again from the card check.`, { step: current, cause: code, credentialNumber: entry.credentialNumber }, { cause: e });
    }
  }

  /** One transaction: ledger → issued, the card row, the old card updated, the audit entry. */
  private record(run: Run, ledgerId: number, credentialNumber: string, ici: string, identity: { guid: string; fascnHex: string }, expirationDate: string, issueDate: Date): Omit<IssuanceResult, 'fascn'> {
    return this.db
      .transaction((): Omit<IssuanceResult, 'fascn'> => {
        this.ledger.transition(ledgerId, 'issued');
        const rep = run.replacement;
        const card = this.cardsRepo.insert({
          ledgerId,
          applicantId: run.applicant.id,
          credentialNumber,
          ici,
          fascnHex: identity.fascnHex,
          guid: identity.guid,
          expirationDate,
          cardProfile: run.profile.name,
          policy: run.policy.name,
          policyVersion: run.policy.version,
          reader: run.reader,
          issuedAt: issueDate.toISOString(),
          issuedBy: run.actor.name,
          temporary: rep?.outcome.temporary ?? false,
          replacesCardId: rep?.oldCard.id ?? null,
          replacementReason: rep?.outcome.reason ?? null,
        });
        if (rep) this.cardsRepo.markReplaced(rep.oldCard.id, card.id, rep.outcome.oldCardStatus, issueDate.toISOString());
        this.journal.append({
          actor: run.actor.name,
          action: rep ? 'issuance.card_replaced' : 'issuance.card_issued',
          subject: credentialNumber,
          details: {
            applicantId: run.applicant.id,
            fascnHex: identity.fascnHex,
            guid: identity.guid,
            expirationDate,
            cardProfile: run.profile.name,
            policy: `${run.policy.name} v${run.policy.version}`,
            verifiedBy: run.gate.snapshot().passedBy,
            reader: run.reader,
            ...(rep ? { reason: rep.outcome.reason, oldCredentialNumber: rep.oldCard.credentialNumber, oldCardStatus: rep.outcome.oldCardStatus, temporary: rep.outcome.temporary } : {}),
          },
        });
        return {
          credentialNumber,
          fascnHex: identity.fascnHex,
          guid: identity.guid,
          expirationDate,
          reader: run.reader,
          cardProfile: run.profile.name,
          ...(rep ? { replacement: { reason: rep.outcome.reason, oldCredentialNumber: rep.oldCard.credentialNumber, oldCardStatus: rep.outcome.oldCardStatus, temporary: rep.outcome.temporary } } : {}),
        };
      })
      .immediate();
  }

  /** Preview for the replacement panel without opening a run. */
  previewReplacement(actor: Actor, applicantId: string, reason?: string): ReplacementOutcome & { oldCredentialNumber: string; allowedProfiles: string[] } {
    requireRole(actor, ISSUERS, 'replace cards');
    const applicant = this.deps.applicants.require(applicantId);
    const d = this.policyFor(applicant).deviceIssuance;
    const oldCard = this.cardsRepo.current(applicant.id);
    if (!oldCard) throw new StationError('NO_CARD_TO_REPLACE', `Applicant ${applicant.id} has no active card to replace.`, { applicantId });
    return { ...planReplacement(parseReplacementReason(reason, d.defaultReplacementReason), oldCard), oldCredentialNumber: oldCard.credentialNumber, allowedProfiles: [...d.cmsCardReplacementPolicy] };
  }

  cardsOf(actor: Actor, applicantId: string): IssuedCard[] {
    requireRole(actor, ['enrollment_officer', 'badge_operator', 'system_manager'], 'list cards');
    return this.cardsRepo.forApplicant(applicantId);
  }
}
