import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The one real spawn for this area: bin/station.mjs with the real pcsclite and node-hid addons loaded.
// There is no USB scanner on this machine, so the only scanner is the simulated one.
describe('station devices list (spawned, real pcscd and node-hid; no USB scanner here)', () => {
  it('prints {readers, scanners} with the simulated scanner marked simulated', async () => {
    const { stdout } = await promisify(execFile)('node', ['bin/station.mjs', 'devices', 'list', '--simulate', '--json'], { timeout: 20_000 });
    const doc = JSON.parse(stdout);
    expect(Array.isArray(doc.readers)).toBe(true);
    for (const r of doc.readers) expect(r).toEqual({ name: expect.any(String), cardPresent: expect.any(Boolean), atr: r.cardPresent ? expect.stringMatching(/^[0-9a-f]+$/i) : null });
    expect(doc.scanners.filter((s: { simulated: boolean }) => s.simulated)).toEqual([
      { id: expect.stringMatching(/^sim:1209:0001:/), name: 'Simulated fingerprint scanner (training)', vendorId: 0x1209, productId: 1, simulated: true },
    ]);
  }, 30_000);
});
