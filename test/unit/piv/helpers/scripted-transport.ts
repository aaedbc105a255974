// A fake card port that replays a script of (expected command hex, response hex) pairs byte-exact.
import { fromHex, toHex } from '../../../../electron/piv/bytes';
import type { Transmit } from '../../../../electron/piv/apdu';

export interface Scripted {
  transmit: Transmit;
  /** Commands actually received (hex), for assertions. */
  sent: string[];
  /** True when every scripted exchange was consumed. */
  done(): boolean;
}

export function scripted(exchanges: Array<[command: string, response: string]>): Scripted {
  const sent: string[] = [];
  let i = 0;
  return {
    sent,
    done: () => i === exchanges.length,
    transmit: async (apdu) => {
      const hex = toHex(apdu);
      sent.push(hex);
      const step = exchanges[i++];
      if (!step) throw new Error(`unexpected extra APDU ${hex}`);
      const want = step[0].replace(/\s/g, '').toUpperCase();
      if (hex !== want) throw new Error(`APDU #${i}: expected ${want}, got ${hex}`);
      return fromHex(step[1]);
    },
  };
}
