/**
 * Composes what goes on the card: the FASC-N (agency and system from the policy, credential number from
 * the ledger, series/ICI/person/OC/OI/POA from the enrollment record) and the data objects the card
 * profile lists, signed with the station's content signer. Security Object last: it hashes the others.
 */
import { randomBytes } from 'node:crypto';
import { StationError } from '../common/errors';
import { Fascn, NON_FEDERAL, POA_CATEGORY } from '../piv/fascn';
import { Chuid } from '../piv/chuid';
import { Ccc, CARD_ID_SUFFIX_LENGTH } from '../piv/ccc';
import { PrintedInformation } from '../piv/printed-information';
import { CardholderFingerprints } from '../piv/fingerprints';
import { SecurityObject, type SecuredContainer } from '../piv/security-object';
import { Discovery } from '../piv/discovery';
import { CONTAINER_ID, OBJECT_TAG } from '../piv/constants';
import type { ContentSigner } from '../piv/cms';
import { decodeTemplate, encodeTemplate } from '../biometrics/templates';
import type { MinutiaeRecord } from '../biometrics/templates';
import type { CardProfile, DataObjectName } from '../policy/model/card-profiles';
import type { ApplicantRow, FingerprintRow } from '../applicants/repository';

/** Security Object data-group numbers as GSA card 46 maps them (piv-reference §2.8). */
const DATA_GROUP = { CHUID: 1, FINGERPRINTS: 2, FACIAL_IMAGE: 3, PRINTED_INFORMATION: 4 } as const;
/** PIV stores two fingers (SP 800-76-2); we take the two best-quality enrolled ones. */
const CARD_FINGERS = 2;
export const CBEFF_CREATOR = 'Issuance Station';

/** The order objects are written in; the Security Object last because it hashes the others. */
export const WRITE_ORDER: readonly DataObjectName[] = ['CHUID', 'PrintedInformation', 'CCC', 'DiscoveryObject', 'CardholderFingerprints', 'SecurityObject'];

export interface ComposedObject {
  name: DataObjectName;
  tag: number;
  content: Uint8Array;
}

export interface ComposeInput {
  agencyCode: string;
  systemCode: string;
  credentialNumber: string;
  ici: string;
  applicant: ApplicantRow;
  fingerprints: readonly FingerprintRow[];
  expirationDate: string;
  issueDate: Date;
  guid: Uint8Array;
  signer: ContentSigner;
  profile: CardProfile;
}

export function composeFascn(i: Pick<ComposeInput, 'agencyCode' | 'systemCode' | 'credentialNumber' | 'ici' | 'applicant'>): Fascn {
  const a = i.applicant;
  const rest = {
    credentialSeries: a.credential_series,
    individualCredentialIssue: i.ici,
    personIdentifier: a.person_identifier,
    organizationalCategory: a.organizational_category,
    organizationalIdentifier: a.organizational_identifier,
    poaCategory: a.poa_category,
  };
  // A non-federal issuer's FASC-N carries fourteen nines; the GUID identifies the card (§1.5).
  if (i.agencyCode === NON_FEDERAL.agencyCode) return Fascn.nonFederal(rest);
  return Fascn.create({ agencyCode: i.agencyCode, systemCode: i.systemCode, credentialNumber: i.credentialNumber, ...rest });
}

/** Two finger views in one INCITS 378 record (the CBEFF BDB of 5FC103). */
export function cardFingerprintRecord(fingers: readonly FingerprintRow[]): Uint8Array {
  const best = [...fingers].sort((a, b) => b.quality - a.quality).slice(0, CARD_FINGERS).sort((a, b) => a.position - b.position);
  if (best.length === 0) throw new StationError('NO_ENROLLED_FINGERPRINTS', 'The card profile asks for the fingerprint object but the applicant has no enrolled fingerprints. Re-enrol the applicant.');
  const records = best.map((f) => decodeTemplate(f.template, 'incits378'));
  const merged: MinutiaeRecord = { ...records[0]!, views: records.flatMap((r) => r.views) };
  return encodeTemplate(merged);
}

const POA_LABEL: Record<string, string> = Object.fromEntries(Object.entries(POA_CATEGORY).map(([k, v]) => [v, k.split('_').map((w) => w[0] + w.slice(1).toLowerCase()).join(' ')]));

export async function composeObjects(i: ComposeInput, fascn: Fascn): Promise<ComposedObject[]> {
  const wanted = new Set(i.profile.dataObjects);
  const out: ComposedObject[] = [];
  const secured: SecuredContainer[] = [];
  const endOfExpiration = new Date(`${i.expirationDate}T23:59:59Z`);

  const chuid = await Chuid.build({ fascn, guid: i.guid, expirationDate: i.expirationDate, signer: i.signer, signingTime: i.issueDate });
  if (wanted.has('CHUID')) {
    out.push({ name: 'CHUID', tag: OBJECT_TAG.CHUID, content: chuid.toBytes() });
    secured.push({ dataGroup: DATA_GROUP.CHUID, containerId: CONTAINER_ID.CHUID, content: chuid.toBytes() });
  }
  if (wanted.has('PrintedInformation')) {
    const a = i.applicant;
    const printed = PrintedInformation.build({
      name: `${a.given_name} ${a.surname}`.slice(0, 125),
      employeeAffiliation: (POA_LABEL[a.poa_category] ?? 'Affiliate').slice(0, 20),
      expirationDate: i.expirationDate,
      agencyCardSerialNumber: `${i.agencyCode}${i.systemCode}${i.credentialNumber}`,
      issuerIdentification: `AGENCY ${i.agencyCode}`,
      organizationAffiliation1: `ORG ${a.organizational_identifier}`,
    }).toBytes();
    out.push({ name: 'PrintedInformation', tag: OBJECT_TAG.PRINTED_INFORMATION, content: printed });
    secured.push({ dataGroup: DATA_GROUP.PRINTED_INFORMATION, containerId: CONTAINER_ID.PRINTED_INFORMATION, content: printed });
  }
  if (wanted.has('CCC')) out.push({ name: 'CCC', tag: OBJECT_TAG.CARD_CAPABILITY_CONTAINER, content: Ccc.build(new Uint8Array(randomBytes(CARD_ID_SUFFIX_LENGTH))).toBytes() });
  if (wanted.has('DiscoveryObject')) out.push({ name: 'DiscoveryObject', tag: OBJECT_TAG.DISCOVERY, content: Discovery.build().toBytes() });
  if (wanted.has('CardholderFingerprints')) {
    const fp = await CardholderFingerprints.build({
      bdb: cardFingerprintRecord(i.fingerprints),
      fascn,
      cardUuid: i.guid,
      signer: i.signer,
      validFrom: i.issueDate,
      validTo: endOfExpiration,
      creator: CBEFF_CREATOR,
      signingTime: i.issueDate,
    });
    out.push({ name: 'CardholderFingerprints', tag: OBJECT_TAG.CARDHOLDER_FINGERPRINTS, content: fp.toBytes() });
    secured.push({ dataGroup: DATA_GROUP.FINGERPRINTS, containerId: CONTAINER_ID.CARDHOLDER_FINGERPRINTS, content: fp.toBytes() });
  }
  if (wanted.has('SecurityObject')) {
    if (secured.length === 0) throw new StationError('PROFILE_SECURITY_OBJECT_EMPTY', `Card profile ${i.profile.name} asks for a Security Object but no object it could cover.`);
    const so = await SecurityObject.build(secured, i.signer, i.issueDate);
    out.push({ name: 'SecurityObject', tag: OBJECT_TAG.SECURITY_OBJECT, content: so.toBytes() });
  }
  return out;
}

/** Objects a profile may list that this station does not write yet (reported as skipped). */
export function unsupportedObjects(profile: CardProfile): DataObjectName[] {
  return profile.dataObjects.filter((o) => o === 'CardholderFacialImage');
}
