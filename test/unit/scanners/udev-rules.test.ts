import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { DRIVER_TABLE, type DriverEntry } from '../../../electron/scanners/drivers/table';
import { UDEV_RULES_FILE, udevRules } from '../../../electron/scanners/udev-rules';

const root = join(import.meta.dirname, '..', '..', '..');
const RULE = /^SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="([0-9a-f]{4})", ATTRS\{idProduct\}=="([0-9a-f]{4})", TAG\+="uaccess"$/;

describe('udev rules for the scanners (no udev device here: the text and the packaging are checked, not a live plug)', () => {
  it('grants seat access to every vendor/product pair of the driver table, one well-formed rule each', () => {
    const extra: DriverEntry = { ...DRIVER_TABLE[0], name: 'Another model', vendorId: 0x0abc, productId: 0x12f0 };
    const lines = udevRules([...DRIVER_TABLE, extra, extra]).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.every((l) => RULE.test(l))).toBe(true);
    const ids = lines.map((l) => l.match(RULE)!.slice(1, 3).join(':'));
    expect(ids).toEqual(['1209:0001', '0abc:12f0']);
  });

  it('the packaged rules file is exactly what the generator writes (no drift from the driver table)', () => {
    expect(readFileSync(join(root, 'resources', 'linux', UDEV_RULES_FILE), 'utf8')).toBe(udevRules());
  });

  it('the deb package installs it under /lib/udev/rules.d before 73-seat-late applies uaccess', () => {
    const yaml = createRequire(import.meta.url)('js-yaml') as { load(s: string): { deb?: { fpm?: string[] } } };
    const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
    expect(config.deb?.fpm).toContain(`resources/linux/${UDEV_RULES_FILE}=/lib/udev/rules.d/${UDEV_RULES_FILE}`);
    expect(Number(UDEV_RULES_FILE.slice(0, 2))).toBeLessThan(73);
  });

  it('`station devices udev-rules --json` prints the file name and the rules', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: () => {}, env: {}, cwd: '/' };
    expect(await runCli(['devices', 'udev-rules', '--json'], io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({ file: UDEV_RULES_FILE, rules: udevRules() });
  });
});
