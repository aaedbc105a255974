import { describe, expect, it } from 'vitest';
import { csvField, csvRow, neutralizeFormula, toCsv } from '../../../electron/audit/csv';
import { canonicalJson } from '../../../electron/audit/canonical-json';

describe('CSV export', () => {
  it('quotes per RFC 4180: comma, quote, CR, LF; doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('neutralizes spreadsheet formulas with a leading apostrophe', () => {
    for (const f of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(neutralizeFormula(f).startsWith("'")).toBe(true);
    expect(neutralizeFormula('alice')).toBe('alice');
    expect(csvRow([1, '=1+1', 'a,b'])).toBe(`1,'=1+1,"a,b"`);
  });

  it('writes a header and CRLF-terminated rows with canonical details', () => {
    const csv = toCsv([{ seq: 1, time: '2026-11-28T10:00:00.000Z', actor: '=evil()', action: 'policy.save', subject: 'PIV, Standard', details: { b: 1, a: 'x"y' }, prevHash: '0', hash: 'h' }]);
    expect(csv).toBe(`seq,time,actor,action,subject,details,prevHash,hash\r\n1,2026-11-28T10:00:00.000Z,'=evil(),policy.save,"PIV, Standard","{""a"":""x\\""y"",""b"":1}",0,h\r\n`);
  });

  it('canonical JSON sorts keys and refuses non-finite numbers', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: undefined }], a: null })).toBe('{"a":null,"b":[1,{"d":2}]}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });
});
