/** Where the shared FVC2002 development images live (outside the repo; never copied in). */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const FINGERPRINTS = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..', 'shared', 'data', 'fingerprints');
export const DB1 = { dir: join(FINGERPRINTS, 'fvc2002_db1_b'), dpi: 500 };
export const DB2 = { dir: join(FINGERPRINTS, 'fvc2002_db2_b'), dpi: 569 };
export const imagePath = (db: { dir: string }, name: string) => join(db.dir, `${name}.tif`);
