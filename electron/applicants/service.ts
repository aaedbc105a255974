/**
 * Applicants: import of enrollment records (all or nothing, one transaction, an error that names the
 * record), list/search and status. Images are decoded and turned into INCITS 378 templates at import;
 * the images themselves are not kept. The JSON file and images are read by `import-file.ts`; this
 * class only sees bytes, so the IPC handler and the CLI share it. Extraction goes through the extractor
 * it is given: the app passes its worker thread's, the CLI and tests extract in-process.
 */
import type { Db } from '../store/database';
import { InvalidInputError, StationError, isStationError } from '../common/errors';
import { AuditJournal } from '../audit/journal';
import type { Actor } from '../operators/roles';
import { requireRole } from '../operators/errors';
import { CardRepository, type IssuedCard } from '../issuance/cards';
import { enrollmentRecordSchema, normalizeRecord, type EnrollmentRecord } from './record-schema';
import { ApplicantRepository, type ApplicantRow, type FingerprintRow } from './repository';
import { templateFromImage, validateTemplate } from './templater';
import { createInProcessExtractor, type FingerprintExtractor } from '../fingerprints/extractor';

export const IMPORTERS = ['enrollment_officer', 'system_manager'] as const;
export const READERS = ['enrollment_officer', 'badge_operator', 'system_manager'] as const;
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export type ApplicantStatus = 'enrolled' | 'issued' | 'card-inactive';

export interface ApplicantSummary {
  id: string;
  givenName: string;
  surname: string;
  personIdentifier: string;
  organizationalCategory: string;
  organizationalIdentifier: string;
  poaCategory: string;
  credentialType: string | null;
  fingerprints: Array<{ position: number; quality: number; minutiae: number; origin: 'image' | 'template' }>;
  hasPhoto: boolean;
  status: ApplicantStatus;
  currentCard: Pick<IssuedCard, 'credentialNumber' | 'fascnHex' | 'guid' | 'expirationDate' | 'status' | 'temporary'> | null;
  importedAt: string;
}

/** Reads the bytes an import record points at (image and photo paths are relative to the JSON file). */
export type ReadRelative = (relativePath: string) => Uint8Array;

export interface ImportResult {
  imported: number;
  ids: string[];
}

export class ApplicantImportError extends InvalidInputError {
  constructor(index: number, id: string | undefined, reason: string, cause?: unknown) {
    super('APPLICANT_IMPORT_FAILED', `Record ${index + 1}${id ? ` (${id})` : ''}: ${reason} Nothing was imported; fix the record and import the file again.`, { index, ...(id ? { id } : {}), reason }, { cause });
    this.name = 'ApplicantImportError';
  }
}

export class ApplicantService {
  private readonly repo: ApplicantRepository;
  private readonly cards: CardRepository;
  private readonly journal: AuditJournal;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly fingerprints: FingerprintExtractor = createInProcessExtractor(),
  ) {
    this.repo = new ApplicantRepository(db);
    this.cards = new CardRepository(db);
    this.journal = new AuditJournal(db, now);
  }

  /** Validates every record and converts every image first; writes only if all succeed. */
  async importRecords(actor: Actor, raw: unknown, readRelative: ReadRelative, source: string): Promise<ImportResult> {
    requireRole(actor, IMPORTERS, 'import applicants');
    if (!Array.isArray(raw)) throw new InvalidInputError('APPLICANT_IMPORT_NOT_ARRAY', 'The import file must hold a JSON array of enrollment records.');
    if (raw.length === 0) throw new InvalidInputError('APPLICANT_IMPORT_EMPTY', 'The import file holds no records.');
    const at = this.now().toISOString();
    const prepared: Array<{ index: number; row: ApplicantRow; fingers: FingerprintRow[] }> = [];
    const ids = new Set<string>();
    for (const [index, item] of raw.entries()) {
      const guessId = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
      const parsed = enrollmentRecordSchema.safeParse(normalizeRecord(item));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ApplicantImportError(index, guessId, `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}.`);
      }
      const r = parsed.data;
      if (ids.has(r.id)) throw new ApplicantImportError(index, r.id, 'the id appears twice in the file.');
      if (this.repo.exists(r.id)) throw new ApplicantImportError(index, r.id, 'an applicant with this id is already enrolled.');
      ids.add(r.id);
      prepared.push({ index, ...(await this.prepare(index, r, readRelative, source, actor.name, at)) });
    }
    this.db.transaction(() => {
      for (const p of prepared) {
        // Extraction awaited the worker thread: another import may have enrolled the same id meanwhile.
        if (this.repo.exists(p.row.id)) throw new ApplicantImportError(p.index, p.row.id, 'an applicant with this id is already enrolled.');
        this.repo.insert(p.row, p.fingers);
      }
      this.journal.append({ actor: actor.name, action: 'applicants.import', subject: source, details: { count: prepared.length, ids: [...ids] } });
    }).immediate();
    return { imported: prepared.length, ids: [...ids] };
  }

  private async prepare(index: number, r: EnrollmentRecord, read: ReadRelative, source: string, by: string, at: string): Promise<{ row: ApplicantRow; fingers: FingerprintRow[] }> {
    const capturedAt = r.capturedAt ?? at;
    const fingers: FingerprintRow[] = [];
    for (const f of r.fingerprints) {
      try {
        const t = 'image' in f ? await templateFromImage(this.fingerprints, read(f.image), f.position, f.dpi) : validateTemplate(new Uint8Array(Buffer.from(f.template, 'base64')));
        fingers.push({ applicant_id: r.id, position: f.position, template: t.template, quality: t.quality, minutiae: t.minutiae, origin: 'image' in f ? 'image' : 'template', captured_at: capturedAt });
      } catch (e) {
        const what = 'image' in f ? `fingerprint image ${f.image} (position ${f.position})` : `fingerprint template (position ${f.position})`;
        throw new ApplicantImportError(index, r.id, `${what}: ${e instanceof Error ? e.message : String(e)}`, e);
      }
    }
    let photo: Uint8Array | null = null;
    if (r.photo) {
      try {
        photo = read(r.photo);
      } catch (e) {
        throw new ApplicantImportError(index, r.id, `photo ${r.photo}: ${isStationError(e) ? e.message : 'cannot be read.'}`, e);
      }
      if (photo.length > MAX_PHOTO_BYTES) throw new ApplicantImportError(index, r.id, `photo ${r.photo} is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
    }
    return {
      row: {
        id: r.id,
        given_name: r.givenName,
        surname: r.surname,
        person_identifier: r.personIdentifier,
        organizational_category: r.organizationalCategory,
        organizational_identifier: r.organizationalIdentifier,
        poa_category: r.poaCategory,
        credential_series: r.credentialSeries ?? '1',
        initial_ici: r.individualCredentialIssue ?? '1',
        credential_type: r.credentialType ?? null,
        photo,
        imported_at: at,
        imported_by: by,
        source,
      },
      fingers,
    };
  }

  private summary(row: ApplicantRow): ApplicantSummary {
    const cards = this.cards.forApplicant(row.id);
    const current = this.cards.current(row.id);
    const status: ApplicantStatus = current ? 'issued' : cards.length ? 'card-inactive' : 'enrolled';
    return {
      id: row.id,
      givenName: row.given_name,
      surname: row.surname,
      personIdentifier: row.person_identifier,
      organizationalCategory: row.organizational_category,
      organizationalIdentifier: row.organizational_identifier,
      poaCategory: row.poa_category,
      credentialType: row.credential_type,
      fingerprints: this.repo.fingerprints(row.id).map((f) => ({ position: f.position, quality: f.quality, minutiae: f.minutiae, origin: f.origin })),
      hasPhoto: row.photo !== null,
      status,
      currentCard: current ? { credentialNumber: current.credentialNumber, fascnHex: current.fascnHex, guid: current.guid, expirationDate: current.expirationDate, status: current.status, temporary: current.temporary } : null,
      importedAt: row.imported_at,
    };
  }

  list(actor: Actor, query: { text?: string; limit?: number; offset?: number } = {}): { applicants: ApplicantSummary[]; total: number } {
    requireRole(actor, READERS, 'list applicants');
    const { rows, total } = this.repo.search(query.text?.trim() || undefined, Math.min(query.limit ?? 100, 1000), query.offset ?? 0);
    return { applicants: rows.map((r) => this.summary(r)), total };
  }

  get(actor: Actor, id: string): ApplicantSummary {
    requireRole(actor, READERS, 'look up an applicant');
    return this.summary(this.require(id));
  }

  require(id: string): ApplicantRow {
    const row = this.repo.get(id);
    if (!row) throw new StationError('APPLICANT_NOT_FOUND', `No applicant with id ${id} is enrolled. Check the id or import the enrollment record first.`, { id });
    return row;
  }

  /** Enrolled templates for the fingerprint gate and the card's fingerprint object. */
  enrolledFingerprints(id: string): FingerprintRow[] {
    return this.repo.fingerprints(id);
  }
}
