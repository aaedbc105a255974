import { toHex } from '../../piv/bytes';
import type { CliCommand } from '../command';
import { nativePcscLite } from '../../pcsc/pcsclite-native';
import type { PcscLiteFactory } from '../../pcsc/pcsclite-port';
import { readChuid } from '../../pcsc/read-chuid';
import { PcscReaderManager } from '../../pcsc/reader-manager';

/** How long `card read` waits for pcscd to list readers and for a card to show up. */
const CARD_WAIT_MS = 3_000;

export function createCardReadCommand(factory: PcscLiteFactory = nativePcscLite): CliCommand {
  return {
    path: ['card', 'read'],
    summary: 'Read the CHUID of the PIV card in a reader through pcscd',
    usage: '[--reader NAME] [--json]',
    help: [
      'Connects exclusively to the card (first reader holding one, or --reader: exact name or a',
      'case-insensitive part of it), selects PIV, reads the CHUID and checks its issuer signature.',
      'JSON: {reader, atr, chuid} with chuid = {fascn, fascnHex, guid, expirationDate, cardholderUuid,',
      'warnings, signature: {present, valid, signer}} or null when the card has no CHUID.',
    ].join('\n'),
    options: { reader: { type: 'string' } },
    async run(ctx) {
      const manager = new PcscReaderManager({ factory });
      manager.start();
      try {
        const reader = typeof ctx.values.reader === 'string' ? ctx.values.reader : undefined;
        const result = await manager.withCard({ reader, waitMs: CARD_WAIT_MS }, async (channel) => ({
          reader: channel.reader,
          atr: toHex(channel.atr),
          chuid: await readChuid(channel.transmit),
        }));
        if (ctx.json) ctx.printJson(result);
        else {
          const c = result.chuid;
          ctx.io.out(`Reader: ${result.reader}\nATR:    ${result.atr}`);
          if (!c) ctx.io.out('CHUID:  none on this card');
          else {
            const sig = c.signature;
            ctx.io.out(
              [
                `FASC-N: ${String(c.fascnHex)}`,
                `GUID:   ${String(c.guid)}`,
                `Expiry: ${String(c.expirationDate)}`,
                `Signed: ${sig.present ? (sig.valid ? `valid (${sig.signer ?? 'unknown signer'})` : `INVALID: ${sig.reason ?? ''}`) : 'no'}`,
              ].join('\n'),
            );
          }
        }
        return 0;
      } finally {
        manager.stop();
      }
    },
  };
}

export const cardReadCommand = createCardReadCommand();
