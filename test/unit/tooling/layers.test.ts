import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// Lints snippets as if they were files in a given folder, with the project's real eslint.config.js.
const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer direction is enforced by lint', () => {
  it('fails a pure layer (piv) that reaches into the store adapter', async () => {
    const errors = await errorsFor('electron/piv/wrong.ts', "import { openDatabase } from '../store/database';\nexport const x = openDatabase;\n");
    expect(errors.join('\n')).toContain('no-restricted-imports');
  });

  it('fails a pure layer that does file I/O', async () => {
    const errors = await errorsFor('electron/biometrics/wrong.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(errors.join('\n')).toContain('no-restricted-imports');
  });

  it("fails anything outside main/ and preload/ that imports 'electron'", async () => {
    const errors = await errorsFor('electron/pcsc/wrong.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(errors.join('\n')).toContain('Only electron/main and electron/preload');
  });

  it('fails the renderer importing main-process code', async () => {
    const errors = await errorsFor('renderer/src/wrong.ts', "import { Station } from '../../electron/app/station';\nexport const x = Station;\n");
    expect(errors.join('\n')).toContain('only electron/ipc');
  });

  it('fails an adapter reaching up into the composition root', async () => {
    const errors = await errorsFor('electron/store/wrong.ts', "import { Station } from '../app/station';\nexport const x = Station;\n");
    expect(errors.join('\n')).toContain('no-restricted-imports');
  });

  it('accepts the allowed directions', async () => {
    expect(await errorsFor('renderer/src/ok.ts', "import type { ChannelName } from '../../electron/ipc/contract';\nexport type X = ChannelName;\n")).toEqual([]);
    expect(await errorsFor('electron/app/ok.ts', "import { openDatabase } from '../store/database';\nexport const x = openDatabase;\n")).toEqual([]);
    expect(await errorsFor('electron/main/ok.ts', "import { app } from 'electron';\nimport { Station } from '../app/station';\nexport const x = [app, Station];\n")).toEqual([]);
    expect(await errorsFor('electron/ipc/ok.ts', "import { appChannels } from './channels/app';\nexport const x = appChannels;\n")).toEqual([]);
  });

  it('runs eslint-plugin-security', async () => {
    const evil = await errorsFor('electron/store/evil.ts', 'export const run = (s: string) => eval(s);\n');
    expect(evil.join('\n')).toContain('security/detect-eval-with-expression');
    const regex = await errorsFor('electron/store/regex.ts', 'export const m = (s: string) => new RegExp(s);\n');
    expect(regex.join('\n')).toContain('security/detect-non-literal-regexp');
  });
});
