// Electronegativity scan of the Electron-facing code (main, preload, the HTML shell). Fails on any HIGH
// finding. It scans the TypeScript sources: the bundled output uses syntax its parser skips silently,
// which would hide findings.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Scan the given files/folders (copied into a staging folder) and return the parsed findings. */
export function scan(inputs = ['electron/main', 'electron/preload', 'renderer/index.html', 'package.json'], base = root) {
  const stage = mkdtempSync(join(tmpdir(), 'eneg-'));
  const out = join(stage, 'report.csv');
  const input = join(stage, 'input');
  try {
    for (const rel of inputs) cpSync(join(base, rel), join(input, rel), { recursive: true });
    execFileSync(process.execPath, [join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', input, '-o', out, '-e', '45.5.0', '-r', '-v', 'false'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 240_000,
    });
    return parseCsv(readFileSync(out, 'utf8'));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const cells = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '"' && quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === ',' && !quoted) {
        cells.push(cur);
        cur = '';
      } else {
        cur += ch;
      }
    }
    cells.push(cur);
    rows.push({ issue: cells[0], severity: cells[1], confidence: cells[2], file: cells[3], location: cells[4], description: cells[6] });
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const findings = scan();
  for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.issue} ${f.file}:${f.location} ${f.description}`);
  const high = findings.filter((f) => f.severity === 'HIGH');
  console.log(`electronegativity: ${findings.length} finding(s), ${high.length} HIGH`);
  process.exitCode = high.length > 0 ? 1 : 0;
}
