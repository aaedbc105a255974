/** File adapter for applicant import: reads the JSON file and the images/photos named relative to it. */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InvalidInputError } from '../common/errors';
import type { Actor } from '../operators/roles';
import type { ApplicantService, ImportResult } from './service';

export async function importApplicantsFile(service: ApplicantService, actor: Actor, path: string): Promise<ImportResult> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new InvalidInputError('APPLICANT_FILE_UNREADABLE', `Cannot read ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`, { path }, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new InvalidInputError('APPLICANT_FILE_NOT_JSON', `${path} is not valid JSON: ${(cause as Error).message}.`, { path }, { cause });
  }
  const base = dirname(resolve(path));
  const read = (relative: string): Uint8Array => {
    const full = isAbsolute(relative) ? relative : resolve(base, relative);
    try {
      return readFileSync(full);
    } catch (cause) {
      throw new InvalidInputError('APPLICANT_FILE_UNREADABLE', `Cannot read ${relative} (${(cause as NodeJS.ErrnoException).code ?? 'error'}); paths are relative to the import file.`, { path: relative }, { cause });
    }
  };
  return service.importRecords(actor, raw, read, path);
}
