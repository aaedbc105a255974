/**
 * Card profiles: what a CMS card policy names. A profile says which data objects to write, which
 * management-key algorithm the card gets, and which key slots to generate.
 */

/** PIV data objects the station can write (73-4 Part 1 §3, Table 1 names). */
export const DATA_OBJECTS = ['CHUID', 'CCC', 'PrintedInformation', 'CardholderFingerprints', 'SecurityObject', 'DiscoveryObject', 'CardholderFacialImage'] as const;
export type DataObjectName = (typeof DATA_OBJECTS)[number];

/** Management (9B) key algorithms (SP 800-78-5 Table: 3TDEA deprecated, AES preferred). */
export const MANAGEMENT_KEY_ALGORITHMS = ['AES-128', 'AES-192', 'AES-256'] as const;
export type ManagementKeyAlgorithm = (typeof MANAGEMENT_KEY_ALGORITHMS)[number];

/** Key references (73-4 Part 1 §5.1 Table 4b). */
export const KEY_SLOTS = {
  '9A': 'PIV Authentication',
  '9C': 'Digital Signature',
  '9D': 'Key Management',
  '9E': 'Card Authentication',
} as const;
export type KeySlot = keyof typeof KEY_SLOTS;

export const KEY_ALGORITHMS = ['ECCP256', 'ECCP384', 'RSA2048'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

export interface CardProfile {
  name: string;
  description: string;
  purpose: 'initial' | 'replacement';
  dataObjects: DataObjectName[];
  managementKeyAlgorithm: ManagementKeyAlgorithm;
  keySlots: Array<{ slot: KeySlot; algorithm: KeyAlgorithm }>;
}

const FULL_OBJECTS: DataObjectName[] = ['CHUID', 'CCC', 'PrintedInformation', 'CardholderFingerprints', 'SecurityObject'];
const ALL_SLOTS: CardProfile['keySlots'] = [
  { slot: '9A', algorithm: 'ECCP256' },
  { slot: '9C', algorithm: 'ECCP256' },
  { slot: '9D', algorithm: 'ECCP256' },
  { slot: '9E', algorithm: 'ECCP256' },
];

/** Seeded on first run; names are what a policy's card policy fields refer to. */
export const DEFAULT_CARD_PROFILES: readonly CardProfile[] = [
  {
    name: 'PIV-Standard-Initial',
    description: 'First issuance: all mandatory objects, fingerprints, the four PIV key slots.',
    purpose: 'initial',
    dataObjects: FULL_OBJECTS,
    managementKeyAlgorithm: 'AES-256',
    keySlots: ALL_SLOTS,
  },
  {
    name: 'PIV-Standard-Replacement',
    description: 'Reissuance: the same objects and slots as the initial profile on a new card.',
    purpose: 'replacement',
    dataObjects: FULL_OBJECTS,
    managementKeyAlgorithm: 'AES-256',
    keySlots: ALL_SLOTS,
  },
  {
    name: 'PIV-Auth-Only-Replacement',
    description: 'Reissuance for physical and logical access only: PIV Authentication and Card Authentication keys.',
    purpose: 'replacement',
    dataObjects: FULL_OBJECTS,
    managementKeyAlgorithm: 'AES-128',
    keySlots: [
      { slot: '9A', algorithm: 'ECCP256' },
      { slot: '9E', algorithm: 'ECCP256' },
    ],
  },
];
