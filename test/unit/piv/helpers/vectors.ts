// Loads the shared, independently verified PIV vectors (piv-reference.md companion file).
import { readFileSync } from 'node:fs';

const PATH = new URL('../../../../../shared/docs/piv-test-vectors.json', import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const vectors: any = JSON.parse(readFileSync(PATH, 'utf8'));
