/**
 * `--state FILE` persistence for the virtual card: read on start, rewritten atomically (temp file in
 * the same folder, fsync, rename) after every change, so a crash or a kill never leaves half a file.
 * The file holds PIN, PUK, management key and private keys in clear (training/test limitation) and is
 * created with mode 0600.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InvalidInputError } from '../../common/errors';
import { factoryState, stateFromJson, stateToJson, type CardState } from './state';

export function loadCardState(path: string): CardState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return factoryState();
    throw new InvalidInputError('SIM_STATE_UNREADABLE', `Cannot read the card state file ${path}. Check the path and permissions.`, { path }, { cause: e });
  }
  try {
    return stateFromJson(JSON.parse(text));
  } catch (e) {
    throw new InvalidInputError('SIM_STATE_INVALID', `The card state file ${path} is not a valid virtual card state. Delete it to start from a factory-fresh card.`, { path }, { cause: e });
  }
}

export function saveCardStateAtomic(path: string, state: CardState): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(stateToJson(state), null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (e) {
    unlinkSync(temp);
    throw e;
  }
}
