export interface MainArgs {
  db?: string;
  simulate: 'auto' | 'always' | 'never';
  port?: number;
  root?: string;
}

/**
 * The app's own flags, for Electron (whose argv also carries Chromium's switches, so unknown flags are
 * ignored) and browser mode alike: --db PATH, --simulate (always add simulated devices), --no-simulate,
 * and for browser mode --port N and --root DIR.
 */
export function parseMainArgs(argv: readonly string[]): MainArgs {
  const out: MainArgs = { simulate: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db' && argv[i + 1]) out.db = argv[++i];
    else if (a.startsWith('--db=')) out.db = a.slice(5);
    else if (a === '--simulate') out.simulate = 'always';
    else if (a === '--no-simulate') out.simulate = 'never';
    else if (a === '--port' && argv[i + 1]) out.port = Number(argv[++i]);
    else if (a === '--root' && argv[i + 1]) out.root = argv[++i];
  }
  return out;
}
