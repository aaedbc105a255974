import { VirtualPivCard } from '../../../electron/simulators/piv-card';
import { directTransport } from '../../../electron/simulators/vpcd/direct-transport';
import { provisionPivAuthentication } from '../../../electron/simulators/piv-card/piv-auth-credential';
import { Fascn } from '../../../electron/piv/fascn';
import { randomUuidV4 } from '../../../electron/piv/uuid';

export const TEST_FASCN = Fascn.create({
  agencyCode: '0032',
  systemCode: '0001',
  credentialNumber: '092446',
  credentialSeries: '0',
  individualCredentialIssue: '1',
  personIdentifier: '1112223333',
  organizationalCategory: '1',
  organizationalIdentifier: '1223',
  poaCategory: '2',
});

/** A virtual PIV card in-process (training transport) with a 9A key, its certificate and a CHUID. */
export async function issuedVirtualCard(options: { expirationDate?: string; notBefore?: Date } = {}) {
  const card = new VirtualPivCard();
  const link = directTransport(card);
  const guid = randomUuidV4();
  const { certificate } = await provisionPivAuthentication(link.transmit, {
    fascn: TEST_FASCN,
    guid,
    expirationDate: options.expirationDate ?? '2031-11-30',
    subject: 'Jane Doe (TEST)',
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
  });
  link.reset();
  return { card, link, guid, certificate };
}
