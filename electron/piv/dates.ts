/**
 * The two date forms on a PIV card: CHUID tag 35 `YYYYMMDD` and Printed Information tag 04 `YYYYMMMDD`
 * (upper-case English month, F201 §4.1.4.1 Zone 14F). Both encode the same calendar day; the station
 * passes days around as ISO `YYYY-MM-DD` strings (no time zone involved).
 */
import { InvalidInputError } from '../common/errors';

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

function invalid(text: string, form: string): never {
  throw new InvalidInputError('INVALID_DATE', `"${text}" is not a valid ${form} date.`, { value: text, form });
}

function checkDay(y: number, m: number, d: number, text: string, form: string): string {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) invalid(text, form);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Accepts `YYYY-MM-DD` or `YYYYMMDD`; returns the ISO day. */
export function parseIsoDay(text: string): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) invalid(text, 'YYYY-MM-DD');
  return checkDay(Number(m[1]), Number(m[2]), Number(m[3]), text, 'YYYY-MM-DD');
}

/** ISO day → CHUID `YYYYMMDD`. */
export function toChuidDate(isoDay: string): string {
  return parseIsoDay(isoDay).replace(/-/g, '');
}

/** CHUID `YYYYMMDD` → ISO day. */
export function fromChuidDate(text: string): string {
  if (!/^\d{8}$/.test(text)) invalid(text, 'CHUID YYYYMMDD');
  return checkDay(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)), text, 'CHUID YYYYMMDD');
}

/** ISO day → Printed Information `YYYYMMMDD` (2030-01-01 → 2030JAN01). */
export function toPrintedDate(isoDay: string): string {
  const [y, m, d] = parseIsoDay(isoDay).split('-');
  return `${y}${MONTHS[Number(m) - 1]}${d}`;
}

/** Printed Information `YYYYMMMDD` → ISO day. */
export function fromPrintedDate(text: string): string {
  const m = /^(\d{4})([A-Z]{3})(\d{2})$/.exec(text);
  const month = m ? MONTHS.indexOf(m[2] as (typeof MONTHS)[number]) + 1 : 0;
  if (!m || month === 0) invalid(text, 'printed YYYYMMMDD');
  return checkDay(Number(m[1]), month, Number(m[3]), text, 'printed YYYYMMMDD');
}
