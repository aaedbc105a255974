import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  /** Plain text for people. */
  out(text: string): void;
  /** Diagnostics that must not pollute stdout (progress, warnings). */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliContext<V = Record<string, string | boolean | string[] | boolean[] | undefined>> {
  values: V;
  positionals: string[];
  /** `--json` was given: print exactly one JSON document on stdout. */
  json: boolean;
  io: CliIo;
  /** Print `value` as JSON (one line-terminated document). */
  printJson(value: unknown): void;
}

/**
 * One `station` subcommand. Commands live one per file in `cli/commands/` and are listed in
 * `cli/commands/index.ts`. `run` returns the exit code; throw `InvalidInputError` for bad input
 * (exit 2, one-line reason) and `StationError` for a failure the user can act on (exit 1).
 */
export interface CliCommand {
  path: string[];
  summary: string;
  /** Usage text after `station <path>`, e.g. `HEX [--json]`. */
  usage: string;
  /** Longer help shown by `station <path> --help`. */
  help?: string;
  options?: OptionSpec;
  /** How many positionals the command takes (min, max); default none. */
  positionals?: [number, number];
  run(ctx: CliContext): Promise<number> | number;
}
