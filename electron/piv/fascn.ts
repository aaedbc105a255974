/**
 * FASC-N (TIG SCEPACS v2.3 §6; 73-4 P1 §3.1.2): 40 characters of 4-bit BCD with odd parity, 5 bits
 * each (b1 = least significant data bit first, then parity), packed MSB-first into 25 bytes; the 40th
 * character is an LRC over the first 39. A value object: validate on create/decode, round-trip exactly.
 */
import { InvalidInputError } from '../common/errors';
import { fromHex, toHex } from './bytes';

export interface FascnFields {
  agencyCode: string;
  systemCode: string;
  credentialNumber: string;
  credentialSeries: string;
  individualCredentialIssue: string;
  personIdentifier: string;
  organizationalCategory: string;
  organizationalIdentifier: string;
  poaCategory: string;
}

/** Field order, digit counts and human names as in the TIG layout. */
export const FASCN_FIELDS: ReadonlyArray<{ key: keyof FascnFields; digits: number; name: string }> = [
  { key: 'agencyCode', digits: 4, name: 'agency code' },
  { key: 'systemCode', digits: 4, name: 'system code' },
  { key: 'credentialNumber', digits: 6, name: 'credential number' },
  { key: 'credentialSeries', digits: 1, name: 'credential series' },
  { key: 'individualCredentialIssue', digits: 1, name: 'individual credential issue' },
  { key: 'personIdentifier', digits: 10, name: 'person identifier' },
  { key: 'organizationalCategory', digits: 1, name: 'organizational category' },
  { key: 'organizationalIdentifier', digits: 4, name: 'organizational identifier' },
  { key: 'poaCategory', digits: 1, name: 'person/organization association category' },
];

/** Control characters (TIG): Start Sentinel, Field Separator, End Sentinel. */
export const FASCN_CHAR = { SS: 0xb, FS: 0xd, ES: 0xf } as const;
export const FASCN_LENGTH = 25;
const CHARS = 40;

/** Organizational Category value set (TIG). */
export const ORGANIZATIONAL_CATEGORY = { FEDERAL: '1', STATE: '2', COMMERCIAL: '3', FOREIGN: '4' } as const;
/** Person/Organization Association Category value set (TIG). */
export const POA_CATEGORY = {
  EMPLOYEE: '1',
  CIVIL: '2',
  EXECUTIVE_STAFF: '3',
  UNIFORMED_SERVICE: '4',
  CONTRACTOR: '5',
  ORGANIZATIONAL_AFFILIATE: '6',
  ORGANIZATIONAL_BENEFICIARY: '7',
} as const;

/** Non-federal issuers (PIV-I NFI) fill AC, SC and CN with nines ("14 nines"). */
export const NON_FEDERAL = { agencyCode: '9999', systemCode: '9999', credentialNumber: '999999' } as const;

/** What each of the 40 positions holds: a control char or the n-th digit of a field. */
type Slot = { kind: 'control'; value: number; name: string } | { kind: 'digit'; field: number; name: string } | { kind: 'lrc'; name: string };
const LAYOUT: Slot[] = (() => {
  const s: Slot[] = [{ kind: 'control', value: FASCN_CHAR.SS, name: 'start sentinel' }];
  FASCN_FIELDS.forEach((f, i) => {
    for (let d = 0; d < f.digits; d++) s.push({ kind: 'digit', field: i, name: f.name });
    // No separator between PI, OC, OI and POA (fields 5..8); FS after each of the first five.
    if (i <= 4) s.push({ kind: 'control', value: FASCN_CHAR.FS, name: 'field separator' });
  });
  s.push({ kind: 'control', value: FASCN_CHAR.ES, name: 'end sentinel' }, { kind: 'lrc', name: 'LRC' });
  return s;
})();

export type FascnMode = 'piv' | 'piv-i';

export interface FascnCheckOptions {
  /** Also check value sets (OC 1–4, POA 1–7), non-zero AC/SC/CN and the 14-nines rule. Default true. */
  strict?: boolean;
  /** Require this mode: 'piv' (federal agency code) or 'piv-i' (non-federal, agency 9999). */
  mode?: FascnMode;
}

export class FascnError extends InvalidInputError {
  constructor(message: string, details: Record<string, unknown>) {
    super('FASCN_INVALID', message, details);
    this.name = 'FascnError';
  }
}

function parity(v4: number): number {
  let ones = 0;
  for (let b = 0; b < 4; b++) ones += (v4 >> b) & 1;
  return ones % 2 === 0 ? 1 : 0;
}

/** 4-bit value → the 5 transmitted bits b1 b2 b3 b4 P as an integer (b1 most significant). */
function toBits(v: number): number {
  let bits = 0;
  for (let b = 0; b < 4; b++) bits = (bits << 1) | ((v >> b) & 1);
  return (bits << 1) | parity(v);
}

export class Fascn {
  readonly fields: Readonly<FascnFields>;

  private constructor(fields: FascnFields) {
    this.fields = Object.freeze({ ...fields });
  }

  /** Builds from fields; every field must have exactly its digit count. */
  static create(fields: FascnFields, options: FascnCheckOptions = {}): Fascn {
    for (const f of FASCN_FIELDS) {
      const v = fields[f.key];
      if (typeof v !== 'string' || v.length !== f.digits || !/^[0-9]+$/.test(v)) {
        throw new FascnError(`FASC-N ${f.name} must be exactly ${f.digits} digit(s), got ${JSON.stringify(v)}.`, { field: f.key });
      }
    }
    const fascn = new Fascn(fields);
    if (options.strict !== false) fascn.assertNoProblems(fascn.problems());
    if (options.mode && fascn.mode !== options.mode) {
      throw new FascnError(
        options.mode === 'piv-i'
          ? 'A non-federal (PIV-I) FASC-N needs agency code 9999, system code 9999 and credential number 999999.'
          : 'A federal PIV FASC-N needs the agency\'s SP 800-87 code, not 9999.',
        { field: 'agencyCode', mode: options.mode },
      );
    }
    return fascn;
  }

  /** A non-federal (PIV-I, agency 9999) FASC-N: AC/SC/CN are fourteen nines, the GUID identifies the card. */
  static nonFederal(rest: Omit<FascnFields, 'agencyCode' | 'systemCode' | 'credentialNumber'>, options?: FascnCheckOptions): Fascn {
    return Fascn.create({ ...NON_FEDERAL, ...rest }, options);
  }

  /** Decodes 25 bytes; errors name the failing character position (0-based, 0 = start sentinel). */
  static fromBytes(bytes: Uint8Array, options: FascnCheckOptions = {}): Fascn {
    if (bytes.length !== FASCN_LENGTH) {
      throw new FascnError(`A FASC-N is ${FASCN_LENGTH} bytes, got ${bytes.length}.`, { length: bytes.length });
    }
    const digits: string[][] = FASCN_FIELDS.map(() => []);
    let lrc = 0;
    for (let pos = 0; pos < CHARS; pos++) {
      let bits = 0;
      for (let k = 0; k < 5; k++) {
        const bit = pos * 5 + k;
        bits = (bits << 1) | ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1);
      }
      let value = 0;
      for (let b = 0; b < 4; b++) value |= ((bits >> (4 - b)) & 1) << b;
      const slot = LAYOUT[pos];
      const where = { position: pos, character: slot.name, value: value.toString(16).toUpperCase() };
      if ((bits & 1) !== parity(value)) throw new FascnError(`FASC-N character ${pos} (${slot.name}) has even parity.`, { ...where, reason: 'parity' });
      if (slot.kind === 'lrc') {
        if (value !== lrc) {
          throw new FascnError(`FASC-N LRC mismatch at character ${pos}: computed ${lrc.toString(16).toUpperCase()} stored ${where.value}.`, { ...where, reason: 'lrc', computed: lrc.toString(16).toUpperCase() });
        }
        break;
      }
      lrc ^= value;
      if (slot.kind === 'control') {
        if (value !== slot.value) throw new FascnError(`FASC-N character ${pos} should be the ${slot.name} (0x${slot.value.toString(16).toUpperCase()}), got 0x${where.value}.`, { ...where, reason: 'control' });
      } else {
        if (value > 9) throw new FascnError(`FASC-N character ${pos} (${slot.name}) is 0x${where.value}, not a BCD digit.`, { ...where, reason: 'digit' });
        digits[slot.field].push(String(value));
      }
    }
    const fields = Object.fromEntries(FASCN_FIELDS.map((f, i) => [f.key, digits[i].join('')])) as unknown as FascnFields;
    const fascn = new Fascn(fields);
    // On read only the value sets are enforced: cards with zero identifiers exist and must stay readable.
    if (options.strict !== false) fascn.assertNoProblems(fascn.valueSetProblems());
    return fascn;
  }

  /** Decodes the 50-hex-character form (bad hex is InvalidInputError). */
  static fromHex(hex: string, options?: FascnCheckOptions): Fascn {
    return Fascn.fromBytes(fromHex(hex), options);
  }

  toBytes(): Uint8Array {
    const values: number[] = [];
    const fieldDigits = FASCN_FIELDS.map((f) => this.fields[f.key]);
    const cursor = FASCN_FIELDS.map(() => 0);
    for (const slot of LAYOUT) {
      if (slot.kind === 'control') values.push(slot.value);
      else if (slot.kind === 'digit') values.push(Number(fieldDigits[slot.field][cursor[slot.field]++]));
      else values.push(values.reduce((a, v) => a ^ v, 0));
    }
    const out = new Uint8Array(FASCN_LENGTH);
    values.forEach((v, pos) => {
      const bits = toBits(v);
      for (let k = 0; k < 5; k++) {
        if ((bits >> (4 - k)) & 1) {
          const bit = pos * 5 + k;
          out[bit >> 3] |= 0x80 >> (bit & 7);
        }
      }
    });
    return out;
  }

  toHex(): string {
    return toHex(this.toBytes());
  }

  /** PIV-I non-federal issuer when the agency code is 9999. */
  get mode(): FascnMode {
    return this.fields.agencyCode === NON_FEDERAL.agencyCode ? 'piv-i' : 'piv';
  }

  /** AC‖SC‖CN, the 14 digits that must be unique per card. */
  get identifier(): string {
    return this.fields.agencyCode + this.fields.systemCode + this.fields.credentialNumber;
  }

  /** OC and POA outside the TIG value sets. */
  valueSetProblems(): string[] {
    const f = this.fields;
    const out: string[] = [];
    if (!Object.values(ORGANIZATIONAL_CATEGORY).includes(f.organizationalCategory as never)) {
      out.push(`organizational category ${f.organizationalCategory} is outside the value set 1-4 (character 32)`);
    }
    if (!Object.values(POA_CATEGORY).includes(f.poaCategory as never)) {
      out.push(`person/organization association category ${f.poaCategory} is outside the value set 1-7 (character 37)`);
    }
    return out;
  }

  /** Everything that makes the FASC-N unfit to issue (value sets, zero identifiers, 14-nines rule). */
  problems(): string[] {
    const f = this.fields;
    const out = this.valueSetProblems();
    if (/^0+$/.test(f.agencyCode) || /^0+$/.test(f.systemCode) || /^0+$/.test(f.credentialNumber)) {
      out.push('agency code, system code and credential number must all be non-zero');
    }
    if (this.mode === 'piv-i' && (f.systemCode !== NON_FEDERAL.systemCode || f.credentialNumber !== NON_FEDERAL.credentialNumber)) {
      out.push('agency code 9999 (non-federal issuer) requires system code 9999 and credential number 999999');
    }
    return out;
  }

  private assertNoProblems(p: string[]): void {
    if (p.length > 0) throw new FascnError(`FASC-N ${p[0]}.`, { problems: p });
  }

  equals(other: Fascn): boolean {
    return this.toHex() === other.toHex();
  }

  /** Dash-separated digits, e.g. `0032-0001-092446-0-1-1112223333-1-1223-2`. */
  toString(): string {
    return FASCN_FIELDS.map((f) => this.fields[f.key]).join('-');
  }

  toJSON(): FascnFields {
    return { ...this.fields };
  }
}
