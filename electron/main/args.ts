export interface MainArgs {
  db?: string;
  simulate: 'auto' | 'always' | 'never';
}

/** Reads our own flags from Electron's argv (which also carries Chromium's switches). */
export function parseMainArgs(argv: readonly string[]): MainArgs {
  const out: MainArgs = { simulate: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db' && argv[i + 1]) out.db = argv[++i];
    else if (a.startsWith('--db=')) out.db = a.slice(5);
    else if (a === '--simulate') out.simulate = 'always';
    else if (a === '--no-simulate') out.simulate = 'never';
  }
  return out;
}
