/** SQL for applicants and their enrolled fingerprints (tables from migration 030). */
import type { Db } from '../store/database';

export interface ApplicantRow {
  id: string;
  given_name: string;
  surname: string;
  person_identifier: string;
  organizational_category: string;
  organizational_identifier: string;
  poa_category: string;
  credential_series: string;
  initial_ici: string;
  credential_type: string | null;
  photo: Uint8Array | null;
  imported_at: string;
  imported_by: string;
  source: string;
}

export interface FingerprintRow {
  applicant_id: string;
  position: number;
  template: Uint8Array;
  quality: number;
  minutiae: number;
  origin: 'image' | 'template';
  captured_at: string;
}

export class ApplicantRepository {
  constructor(private readonly db: Db) {}

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM applicants WHERE id = ?').get(id) !== undefined;
  }

  insert(row: ApplicantRow, fingers: FingerprintRow[]): void {
    this.db
      .prepare(
        `INSERT INTO applicants (id, given_name, surname, person_identifier, organizational_category, organizational_identifier, poa_category, credential_series, initial_ici, credential_type, photo, imported_at, imported_by, source)
         VALUES (@id, @given_name, @surname, @person_identifier, @organizational_category, @organizational_identifier, @poa_category, @credential_series, @initial_ici, @credential_type, @photo, @imported_at, @imported_by, @source)`,
      )
      .run(row);
    const add = this.db.prepare('INSERT INTO applicant_fingerprints (applicant_id, position, template, quality, minutiae, origin, captured_at) VALUES (@applicant_id, @position, @template, @quality, @minutiae, @origin, @captured_at)');
    for (const f of fingers) add.run(f);
  }

  get(id: string): ApplicantRow | undefined {
    return this.db.prepare('SELECT * FROM applicants WHERE id = ?').get(id) as ApplicantRow | undefined;
  }

  fingerprints(id: string): FingerprintRow[] {
    return this.db.prepare('SELECT * FROM applicant_fingerprints WHERE applicant_id = ? ORDER BY position').all(id) as FingerprintRow[];
  }

  /** Case-insensitive match on id, names or person identifier; newest first. */
  search(text: string | undefined, limit: number, offset: number): { rows: ApplicantRow[]; total: number } {
    const where = text ? `WHERE id LIKE @q OR given_name LIKE @q OR surname LIKE @q OR person_identifier LIKE @q OR (given_name || ' ' || surname) LIKE @q` : '';
    const q = text ? `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
    const esc = text ? " ESCAPE '\\'" : '';
    const whereEsc = where.replace(/LIKE @q/g, `LIKE @q${esc}`);
    const params = q ? { q, limit, offset } : { limit, offset };
    const rows = this.db.prepare(`SELECT * FROM applicants ${whereEsc} ORDER BY imported_at DESC, id LIMIT @limit OFFSET @offset`).all(params) as ApplicantRow[];
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM applicants ${whereEsc}`).get(q ? { q } : {}) as { n: number }).n;
    return { rows, total };
  }
}
