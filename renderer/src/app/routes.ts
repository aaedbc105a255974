export const sections = [
  { id: 'issuance', label: 'Issuance' },
  { id: 'applicants', label: 'Applicants' },
  { id: 'devices', label: 'Devices' },
  { id: 'admin', label: 'Administration' },
  { id: 'audit', label: 'Audit' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '').split('/')[0];
  return sections.find((s) => s.id === id)?.id ?? 'issuance';
}
