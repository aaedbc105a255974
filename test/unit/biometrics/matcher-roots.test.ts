/** Root search on real prints whose overlap is small: the case one-to-one roots are for. */
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../electron/biometrics/extract';
import { loadImageFile } from '../../../electron/biometrics/image/load-file';
import { prepareTemplate, similarity } from '../../../electron/biometrics/match';
import { DB1, imagePath } from './fixtures';

const features = (name: string) => extractFeatures(loadImageFile(imagePath(DB1, name), { dpi: DB1.dpi }));

describe('root search', () => {
  it('finds a small, stretched overlap: DB1_B 110_7 against 110_6 (only the core region is shared)', () => {
    // 110_6 shows the finger from the core down past the crease, 110_7 ends just below the core; a
    // few well-connected minutiae outside the overlap used to take all root slots with rival mates.
    const genuine = similarity(features('110_7'), features('110_6'));
    expect(genuine).toBeGreaterThan(5);
    // The highest DB1_B FVC-protocol impostor stays below it.
    expect(similarity(features('110_1'), features('106_1'))).toBeLessThan(genuine);
  });

  it('voting edges come grouped by probe minutia (root selection relies on it)', () => {
    const { rootOwner } = prepareTemplate(features('110_6'));
    expect(rootOwner.length).toBeGreaterThan(0);
    for (let r = 1; r < rootOwner.length; r++) expect(rootOwner[r]).toBeGreaterThanOrEqual(rootOwner[r - 1]);
  });
});
