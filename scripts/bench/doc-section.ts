import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces one `## …` section of docs/benchmarks.md (or appends it), leaving every other section as it
 * is: each benchmark script owns its section and rewrites it with --write-doc.
 */
export function writeDocSection(path: string, heading: string, body: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(heading);
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${body}`;
  else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = current.slice(0, start) + body + (after < 0 ? '' : current.slice(after + 1));
  }
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
  console.log(`updated ${path}`);
}

/** Now, to the minute, as the sections print it: `2026-11-28 17:43`. */
export function minuteUtc(): string {
  return new Date().toISOString().slice(0, 16).replace('T', ' ');
}

/** The sections' common caveat line: when, and on what kind of machine. */
export function measuredLine(): string {
  return `Measured ${minuteUtc()} UTC on the shared 2-core development machine (other builds running: treat times as rough).`;
}
