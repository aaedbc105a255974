import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';
import type { CallContext } from '../context';
import { StationError } from '../../common/errors';
import { ApplicantService } from '../../applicants/service';
import { importApplicantsFile } from '../../applicants/import-file';
import { IssuanceService } from '../../issuance/service';
import { pcscCardAccess } from '../../issuance/card-link';
import { StationKeys } from '../../keys/station-keys';
import type { CardAccess } from '../../issuance/card-link';
import { actorOf, adminServices } from './admin-services';

type IssuanceHandlers = Pick<
  HandlerTable,
  | 'applicants.list'
  | 'applicants.get'
  | 'applicants.import'
  | 'issuance.begin'
  | 'issuance.get'
  | 'issuance.precheck'
  | 'issuance.fingerprint'
  | 'issuance.attest'
  | 'issuance.override'
  | 'issuance.previewReplacement'
  | 'issuance.issue'
  | 'issuance.cancel'
  | 'keys.status'
>;

interface IssuanceServices {
  applicants: ApplicantService;
  issuance: IssuanceService;
  keys: StationKeys;
  /** Open runs and the operator who began each. */
  owners: Map<string, string>;
}

const CARD_WAIT_MS = 10_000;
const CAPTURE_TIMEOUT_MS = 30_000;
const byStation = new WeakMap<Station, IssuanceServices>();

const noReaders: CardAccess = {
  withCard: () => {
    throw new StationError('PCSC_UNAVAILABLE', 'Smart-card reader support is not configured on this station, so cards cannot be issued here.');
  },
};

/**
 * Issuance services of a station, built once at start-up: building IssuanceService marks reservations
 * left by a crashed process as failed, so that must not wait for the first issuance. Keys are protected by
 * the station's key protector (Electron's safeStorage in the desktop app; in plain Node a passphrase from
 * STATION_KEY_PASSPHRASE).
 */
export function issuanceServices(station: Station): IssuanceServices {
  let s = byStation.get(station);
  if (!s) {
    const db = station.database.db;
    const manager = station.hardware.readers?.manager;
    const applicants = new ApplicantService(db, undefined, station.fingerprints);
    const keys = new StationKeys(db, station.keyProtector);
    const cards = manager ? pcscCardAccess(manager, CARD_WAIT_MS) : noReaders;
    const issuance = new IssuanceService({ db, keys, cards, policies: adminServices(station).policy, applicants });
    s = { applicants, issuance, keys, owners: new Map() };
    byStation.set(station, s);
  }
  return s;
}

/** Calls after begin name only a run: the run belongs to the operator who began it, on this station. */
function ownRun(station: Station, ctx: CallContext, runId: string): string {
  const owner = issuanceServices(station).owners.get(runId);
  if (!owner) throw new StationError('ISSUANCE_RUN_UNKNOWN', 'That issuance is not open on this station (it finished, was cancelled, or the station restarted). Start again from the applicant.', { runId });
  if (owner !== ctx.session.operator?.name) throw new StationError('FORBIDDEN', `This issuance was begun by ${owner}; only they can continue it.`, { runId });
  return runId;
}

/** While a call on a run is in progress, its step events go to the window that made the call (and only there). */
async function withProgress<T>(station: Station, ctx: CallContext, runId: string, work: () => Promise<T> | T): Promise<T> {
  const off = issuanceServices(station).issuance.subscribe((e) => {
    if (e.runId === runId) ctx.emit('issuance.progress', e);
  });
  try {
    return await work();
  } finally {
    off();
  }
}

export function issuanceHandlers(station: Station): IssuanceHandlers {
  issuanceServices(station);
  const svc = () => issuanceServices(station);
  return {
    'applicants.list': (req, ctx) => svc().applicants.list(actorOf(station, ctx), req),
    'applicants.get': ({ id }, ctx) => svc().applicants.get(actorOf(station, ctx), id),
    'applicants.import': async ({ path }, ctx) => {
      const r = await importApplicantsFile(svc().applicants, actorOf(station, ctx), path);
      return { imported: r.imported, ids: r.ids };
    },
    'issuance.begin': async (req, ctx) => {
      const { keys, issuance } = svc();
      const actor = actorOf(station, ctx);
      await keys.ensure(actor.name);
      const run = issuance.begin(actor, req);
      svc().owners.set(run.runId, actor.name);
      return run;
    },
    'issuance.get': ({ runId }, ctx) => svc().issuance.get(ownRun(station, ctx, runId)),
    'issuance.precheck': ({ runId }, ctx) => withProgress(station, ctx, runId, () => svc().issuance.precheck(ownRun(station, ctx, runId))),
    'issuance.fingerprint': ({ runId, position }, ctx) => withProgress(station, ctx, runId, async () => {
      ownRun(station, ctx, runId);
      // A fresh capture on the station's scanner for every attempt: an earlier image is never reused.
      const scanners = station.hardware.scannerService.list().filter((s) => s.state === 'ready');
      const scanner = scanners.find((s) => !s.simulated) ?? scanners[0];
      if (!scanner) throw new StationError('SCANNER_NOT_FOUND', 'No fingerprint scanner is ready. Plug one in (or finish the capture running on it) and try again.');
      const captured = await station.hardware.scannerService.capture(scanner.id, { timeoutMs: CAPTURE_TIMEOUT_MS });
      // Extracted on the fingerprint worker thread; the run is looked up again after, it may have been cancelled meanwhile.
      const probe = await station.fingerprints.extract(captured.image);
      const attempt = svc().issuance.submitFingerprint(ownRun(station, ctx, runId), probe, position);
      return { match: attempt.match, score: attempt.score, threshold: attempt.threshold, position: attempt.position, attemptsLeft: attempt.attemptsLeft, state: attempt.state };
    }),
    'issuance.attest': ({ runId, documents, photoCompared }, ctx) => withProgress(station, ctx, runId, () => svc().issuance.attest(ownRun(station, ctx, runId), actorOf(station, ctx), { documents, photoCompared })),
    'issuance.override': ({ runId, reason }, ctx) => withProgress(station, ctx, runId, () => svc().issuance.override(runId, actorOf(station, ctx), reason)),
    'issuance.previewReplacement': ({ applicantId, reason }, ctx) => svc().issuance.previewReplacement(actorOf(station, ctx), applicantId, reason),
    'issuance.issue': ({ runId, pin }, ctx) => withProgress(station, ctx, runId, () => svc().issuance.issue(ownRun(station, ctx, runId), { pin })),
    'issuance.cancel': ({ runId }, ctx) => {
      svc().issuance.cancel(ownRun(station, ctx, runId));
      svc().owners.delete(runId);
      return {};
    },
    'keys.status': () => svc().keys.status(),
  };
}
