/** Running the independent read-back tools (yubico-piv-tool, OpenSC) and parsing what they print. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function tool(command: string, args: string[], timeoutMs = 20_000): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { timeout: timeoutMs, maxBuffer: 4 << 20 });
    return stdout + stderr;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number; message: string };
    throw new Error(`${command} ${args.join(' ')} failed (${err.code ?? err.message}):\n${err.stdout ?? ''}${err.stderr ?? ''}`, { cause: e });
  }
}

/** OpenSC's reader index for `reader` (OpenSC tools take `-r <index>`), from `opensc-tool -l`. */
export async function openscReaderIndex(reader: string): Promise<number> {
  const out = await tool('opensc-tool', ['-l']);
  const line = out.split('\n').find((l) => l.trimEnd().endsWith(reader));
  const index = line ? Number(line.trim().split(/\s+/)[0]) : NaN;
  if (!Number.isInteger(index)) throw new Error(`opensc-tool -l does not list '${reader}':\n${out}`);
  return index;
}

/** `Data Object (N bytes): < 53 82 … >` → hex of the bytes between the angle brackets. */
export function parsePkcs15DataObject(out: string): string {
  const m = /Data Object \((\d+) bytes\): < ([0-9A-F ]+) >/.exec(out);
  if (!m) throw new Error(`no data object in pkcs15-tool output:\n${out}`);
  const hex = m[2].replace(/ /g, '');
  if (hex.length !== Number(m[1]) * 2) throw new Error(`pkcs15-tool printed ${hex.length / 2} bytes, announced ${m[1]}`);
  return hex;
}

/**
 * opensc-tool `-s` prints the response of each APDU as `Received (SW1=0x90, SW2=0x00)` followed by a hex
 * dump (`53 3B 30 19 ... ..ASCII..`); returns the bytes of the last response.
 */
export function parseOpenscApduDump(out: string): { hex: string; sw: string } {
  const blocks = out.split(/Received \(SW1=0x([0-9A-Fa-f]{2}), SW2=0x([0-9A-Fa-f]{2})\)/);
  if (blocks.length < 4) throw new Error(`no APDU response in opensc-tool output:\n${out}`);
  const sw = `${blocks[blocks.length - 3]}${blocks[blocks.length - 2]}`.toUpperCase();
  const dump = blocks[blocks.length - 1];
  let hex = '';
  // Each dump line: up to 16 "XX " groups in the first 48 columns, then the ASCII rendering.
  for (const line of dump.split('\n')) {
    for (const token of line.slice(0, 48).split(' ')) {
      if (!/^[0-9A-F]{2}$/.test(token)) break;
      hex += token;
    }
  }
  return { hex, sw };
}
