import { InvalidInputError } from '../../common/errors';
import type { CliCommand, CliIo } from '../command';
import { VirtualPivCard } from '../../simulators/piv-card/card';
import { loadCardState, saveCardStateAtomic } from '../../simulators/piv-card/state-file';
import { VpcdClient } from '../../simulators/vpcd/client';
import { VPCD_BASE_PORT, vpcdReaderName } from '../../simulators/vpcd/framing';

export interface SimulatorRun {
  port: number;
  statePath?: string;
  io: CliIo;
  /** Resolves when the simulator should stop (SIGINT/SIGTERM for the CLI). */
  until: Promise<unknown>;
}

/** Runs a virtual PIV card on vpcd until `until` resolves; state changes are saved as they happen. */
export async function runCardSimulator(run: SimulatorRun): Promise<void> {
  const state = run.statePath ? loadCardState(run.statePath) : undefined;
  const card = new VirtualPivCard({
    state,
    onStateChange: run.statePath ? (s) => saveCardStateAtomic(run.statePath!, s) : undefined,
  });
  if (run.statePath) saveCardStateAtomic(run.statePath, card.state);
  const reader = vpcdReaderName(run.port);
  const client = new VpcdClient({ card, port: run.port });
  let wasAttached = false;
  client.onStateChange((s) => {
    if (s === 'attached') run.io.out(`attached: virtual PIV card in '${reader}' (vpcd 127.0.0.1:${run.port})`);
    if (s === 'connecting' && wasAttached) run.io.err(`detached: waiting for vpcd on 127.0.0.1:${run.port} to come back (pcscd restarted?)`);
    wasAttached = s === 'attached';
  });
  client.start();
  await run.until;
  await client.stop();
  run.io.out('stopped: virtual PIV card removed');
}

function parsePort(text: unknown): number {
  const port = Number(text ?? VPCD_BASE_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidInputError('INVALID_PORT', `--port must be a TCP port number (vpcd uses ${VPCD_BASE_PORT} and ${VPCD_BASE_PORT + 1}), got '${String(text)}'.`);
  }
  return port;
}

export const simulateCardCommand: CliCommand = {
  path: ['simulate', 'card'],
  summary: 'Run a virtual PIV card on the vpcd reader of pcscd until stopped (Ctrl-C)',
  usage: '[--port 35963|35964] [--state FILE]',
  help: [
    'Connects a virtual PIV card (SP 800-73-4 card edge + YubiKey extensions) to vpcd, so pcscd shows it',
    "in reader 'Virtual PCD 00 00' (port 35963) or 'Virtual PCD 00 01' (port 35964). With --state the",
    'objects, PIN/PUK counters and keys are loaded from FILE and saved to it after every change.',
    'The state file holds PIN, PUK, management key and private keys in clear: for tests and training only.',
  ].join('\n'),
  options: { port: { type: 'string' }, state: { type: 'string' } },
  async run(ctx) {
    const port = parsePort(ctx.values.port);
    const statePath = typeof ctx.values.state === 'string' ? ctx.values.state : undefined;
    const until = new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    await runCardSimulator({ port, statePath, io: ctx.io, until });
    return 0;
  },
};
