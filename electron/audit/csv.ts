import type { AuditEntry } from './entry';
import { canonicalJson } from './canonical-json';

export const CSV_COLUMNS = ['seq', 'time', 'actor', 'action', 'subject', 'details', 'prevHash', 'hash'] as const;

/**
 * A text cell a spreadsheet would run as a formula (starts with = + - @, or a tab/CR that some
 * spreadsheets strip first) gets a leading apostrophe (OWASP CSV-injection advice).
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: Array<string | number>): string {
  return cells.map((c) => (typeof c === 'number' ? String(c) : csvField(neutralizeFormula(c)))).join(',');
}

/** The whole export: header, one row per entry, CRLF line breaks as RFC 4180 asks. */
export function toCsv(entries: Iterable<AuditEntry>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(csvRow([e.seq, e.time, e.actor, e.action, e.subject, canonicalJson(e.details), e.prevHash, e.hash]));
  }
  return `${lines.join('\r\n')}\r\n`;
}
