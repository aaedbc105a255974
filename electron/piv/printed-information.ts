/**
 * Printed Information 5FC109 (73-4 P1 §3.3.1, Table 14): what is printed on the card, read with the PIN.
 * Values are ASCII kept byte-for-byte (GSA cards pad with spaces); the expiration is `YYYYMMMDD` and
 * must be the same day as CHUID tag 35. Tag 03 (removed in 73-3) is tolerated on read.
 */
import { InvalidInputError } from '../common/errors';
import { ascii, concatBytes } from './bytes';
import { PRINTED_TAG } from './constants';
import { fromPrintedDate, toPrintedDate } from './dates';
import { MalformedDataError } from './errors';
import { decodeTlvs, encodeTlv } from './tlv';

export interface PrintedInformationFields {
  name: string;
  employeeAffiliation: string;
  /** ISO `YYYY-MM-DD`; written as `YYYYMMMDD`. */
  expirationDate: string;
  agencyCardSerialNumber: string;
  issuerIdentification: string;
  organizationAffiliation1?: string;
  organizationAffiliation2?: string;
}

type TextKey = Exclude<keyof PrintedInformationFields, 'expirationDate'>;
const TEXT_ELEMENTS: Array<{ key: TextKey; tag: number; max: number; label: string; optional?: boolean }> = [
  { key: 'name', tag: PRINTED_TAG.NAME, max: 125, label: 'Name' },
  { key: 'employeeAffiliation', tag: PRINTED_TAG.EMPLOYEE_AFFILIATION, max: 20, label: 'Employee affiliation' },
  { key: 'agencyCardSerialNumber', tag: PRINTED_TAG.AGENCY_CARD_SERIAL_NUMBER, max: 20, label: 'Agency card serial number' },
  { key: 'issuerIdentification', tag: PRINTED_TAG.ISSUER_IDENTIFICATION, max: 15, label: 'Issuer identification' },
  { key: 'organizationAffiliation1', tag: PRINTED_TAG.ORGANIZATION_AFFILIATION_LINE_1, max: 20, label: 'Organization affiliation line 1', optional: true },
  { key: 'organizationAffiliation2', tag: PRINTED_TAG.ORGANIZATION_AFFILIATION_LINE_2, max: 20, label: 'Organization affiliation line 2', optional: true },
];

function text(label: string, value: string, max: number): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new InvalidInputError('PRINTED_INFO_INVALID', `${label} must be printable ASCII.`, { field: label });
  if (value.length > max) throw new InvalidInputError('PRINTED_INFO_INVALID', `${label} is ${value.length} characters; the card allows ${max}.`, { field: label, max });
  return ascii.encode(value);
}

export class PrintedInformation {
  private constructor(
    readonly fields: Readonly<PrintedInformationFields>,
    private readonly content: Uint8Array,
  ) {}

  static build(fields: PrintedInformationFields): PrintedInformation {
    const el = (tag: number, v: Uint8Array) => encodeTlv(tag, v);
    const byKey = (k: TextKey) => TEXT_ELEMENTS.find((e) => e.key === k)!;
    const part = (k: TextKey) => {
      const e = byKey(k);
      const v = fields[k];
      if (v === undefined) {
        if (e.optional) return new Uint8Array(0);
        throw new InvalidInputError('PRINTED_INFO_INVALID', `${e.label} is required.`, { field: k });
      }
      return el(e.tag, text(e.label, v, e.max));
    };
    const content = concatBytes(
      part('name'),
      part('employeeAffiliation'),
      el(PRINTED_TAG.EXPIRATION_DATE, ascii.encode(toPrintedDate(fields.expirationDate))),
      part('agencyCardSerialNumber'),
      part('issuerIdentification'),
      part('organizationAffiliation1'),
      part('organizationAffiliation2'),
      encodeTlv(PRINTED_TAG.ERROR_DETECTION_CODE),
    );
    return PrintedInformation.parse(content);
  }

  static parse(content: Uint8Array): PrintedInformation {
    const items = decodeTlvs(content);
    const get = (tag: number) => items.find((t) => t.tag === tag)?.value;
    const out: Partial<PrintedInformationFields> = {};
    for (const e of TEXT_ELEMENTS) {
      const v = get(e.tag);
      if (v === undefined) {
        if (!e.optional) throw new MalformedDataError(`Printed Information has no ${e.label} (tag ${e.tag.toString(16).padStart(2, '0')})`);
        continue;
      }
      out[e.key] = ascii.decode(v);
    }
    const date = get(PRINTED_TAG.EXPIRATION_DATE);
    if (!date) throw new MalformedDataError('Printed Information has no expiration date (tag 04)');
    try {
      out.expirationDate = fromPrintedDate(ascii.decode(date));
    } catch (e) {
      throw new MalformedDataError('Printed Information expiration date is not YYYYMMMDD', undefined, { cause: e });
    }
    return new PrintedInformation(Object.freeze(out as PrintedInformationFields), content.slice());
  }

  toBytes(): Uint8Array {
    return this.content.slice();
  }
}
