/**
 * How the issuance use case reaches a card: one exclusive session per call (the PC/SC adapter's
 * withCard in the app and CLI; a direct link to the virtual card in training mode). Every transmit is
 * counted so the UI and the benchmark can show APDUs per issuance.
 */
import type { Transmit } from '../piv/apdu';
import type { PcscReaderManager } from '../pcsc/reader-manager';

export interface CardLink {
  reader: string;
  atr: Uint8Array;
  transmit: Transmit;
}

export interface CardAccess {
  withCard<T>(reader: string, use: (link: CardLink) => Promise<T>): Promise<T>;
}

/** The PC/SC reader manager as a CardAccess; waits up to `waitMs` for the card. */
export function pcscCardAccess(manager: PcscReaderManager, waitMs = 10_000): CardAccess {
  return {
    withCard: (reader, use) => manager.withCard({ reader, waitMs }, (channel) => use({ reader: channel.reader, atr: channel.atr, transmit: channel.transmit })),
  };
}

export interface ApduCounter {
  count: number;
}

/** Wraps a CardAccess so every APDU sent through it adds one to `counter.count`. */
export function countingCardAccess(inner: CardAccess, counter: ApduCounter): CardAccess {
  return {
    withCard: (reader, use) =>
      inner.withCard(reader, (link) =>
        use({
          ...link,
          transmit: (apdu) => {
            counter.count++;
            return link.transmit(apdu);
          },
        }),
      ),
  };
}
