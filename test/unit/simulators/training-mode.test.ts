import { describe, expect, it } from 'vitest';
import { PivSession } from '../../../electron/piv/session';
import { Chuid } from '../../../electron/piv/chuid';
import { Fascn } from '../../../electron/piv/fascn';
import { randomUuidV4 } from '../../../electron/piv/uuid';
import { toHex } from '../../../electron/piv/bytes';
import { ALGORITHM, KEY_REF, OBJECT_TAG, YUBICO_DEFAULT } from '../../../electron/piv/constants';
import { InvalidPinError } from '../../../electron/piv/errors';
import { readChuid } from '../../../electron/pcsc/read-chuid';
import { VirtualPivCard } from '../../../electron/simulators/piv-card/card';
import { directTransport } from '../../../electron/simulators/vpcd/direct-transport';
import { makeContentSigner } from '../piv/helpers/content-signer';

describe('training mode: PivSession straight on the virtual card (no pcscd)', () => {
  it('writes and reads back a signed CHUID, then readChuid verifies the signature', async () => {
    const card = new VirtualPivCard();
    const link = directTransport(card);
    const session = new PivSession(link.transmit);
    await session.select(Uint8Array.of(0xa0, 0x00, 0x00, 0x03, 0x08));
    const factory = await session.detectFactoryKey();
    expect(factory).toEqual({ isDefault: true, algorithm: ALGORITHM.TDEA_3KEY });
    await session.authenticate(YUBICO_DEFAULT.MANAGEMENT_KEY, ALGORITHM.TDEA_3KEY);
    const chuid = await Chuid.build({
      fascn: Fascn.nonFederal({ credentialSeries: '0', individualCredentialIssue: '1', personIdentifier: '0000000000', organizationalCategory: '3', organizationalIdentifier: '0000', poaCategory: '1' }),
      guid: randomUuidV4(),
      expirationDate: '2030-01-01',
      signer: await makeContentSigner('P-384', 'Training Signer'),
    });
    await session.putData(OBJECT_TAG.CHUID, chuid.toBytes());
    expect(toHex(await session.getData(OBJECT_TAG.CHUID))).toBe(toHex(chuid.toBytes()));
    link.reset();
    const decoded = await readChuid(link.transmit);
    expect(decoded?.signature).toMatchObject({ present: true, valid: true });
    expect(decoded?.expirationDate).toBe('2030-01-01');
  });

  it('changes PIN and management key (AES-192), and counts wrong PINs the session reports', async () => {
    const card = new VirtualPivCard();
    const session = new PivSession(directTransport(card).transmit);
    await session.select();
    await session.authenticate(YUBICO_DEFAULT.MANAGEMENT_KEY, ALGORITHM.TDEA_3KEY);
    const newKey = Uint8Array.from({ length: 24 }, (_, i) => i * 7 + 1);
    await session.setManagementKey(newKey, ALGORITHM.AES_192);
    await session.authenticate(newKey, ALGORITHM.AES_192, 'external');
    expect(await session.detectFactoryKey()).toEqual({ isDefault: false, algorithm: ALGORITHM.AES_192 });
    await session.changePin('123456', '271828');
    await expect(session.verifyPin('000000')).rejects.toMatchObject({ attemptsRemaining: 2 });
    await expect(session.verifyPin('000000')).rejects.toBeInstanceOf(InvalidPinError);
    expect(await session.pinRetries()).toBe(1);
    await session.unblockPin('12345678', '314159');
    await session.verifyPin('314159');
    const key = await session.generateKey(KEY_REF.CARD_AUTHENTICATION, ALGORITHM.ECC_P256);
    expect(card.state.keys.get(KEY_REF.CARD_AUTHENTICATION)?.algorithm).toBe(ALGORITHM.ECC_P256);
    expect(key).toBeDefined();
  });
});
