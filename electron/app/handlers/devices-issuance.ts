import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';
import { actorOf, adminServices } from './admin-services';
import { issuanceServices } from './issuance';
import { applicantDirectory } from '../../device-issuance/applicant-directory';
import { DeviceIssuanceService } from '../../device-issuance/service';
import { SqliteOtpSeedVault } from '../../device-issuance/otp-vault';
import { loadOrCreateVaultKey, vaultKeyPathFor } from '../../device-issuance/vault-key-file';
import { FidoKeySource } from '../../device-issuance/fido-key-source';
import { OtpEnrollmentService } from '../../otp/enrollment';
import { DerivedCredentialService } from '../../derived/activation-codes';
import { CardRepository } from '../../issuance/cards';
import type { IssuedFidoKey } from '../../device-issuance/records';
import { StationError } from '../../common/errors';
import { VirtualOathApplet } from '../../simulators/otp/virtual-oath-applet';

type Names = Extract<keyof HandlerTable, `deviceIssuance.${string}`>;
type DeviceIssuanceHandlers = Pick<HandlerTable, Names>;

/** OTP account issuer shown in the authenticator app. */
const OTP_ISSUER = 'Issuance Station';
/** How long the operator has to put the applicant's card in the reader for a derived credential. */
const CARD_WAIT_MS = 15_000;

interface Built {
  service: DeviceIssuanceService;
  derived: DerivedCredentialService;
  fido: FidoKeySource;
  /** Training: one in-process OATH token per station (no reader needed). */
  trainingToken(): VirtualOathApplet;
}
const byStation = new WeakMap<Station, Built>();

export function deviceIssuanceServices(station: Station): Built {
  let b = byStation.get(station);
  if (!b) {
    const db = station.database.db;
    const vault = new SqliteOtpSeedVault(db, () => loadOrCreateVaultKey(vaultKeyPathFor(station.database.path), station.keyProtector));
    const cards = new CardRepository(db);
    const derived = new DerivedCredentialService(db, {
      cardStatus: ({ fascnHex, guid }) => {
        const c = cards.byFascn(fascnHex);
        return c && c.guid.toLowerCase() === guid.toLowerCase() ? c.status : undefined;
      },
    });
    let token: VirtualOathApplet | undefined;
    b = {
      service: new DeviceIssuanceService({ db, policies: adminServices(station).policy, applicants: applicantDirectory(issuanceServices(station).applicants), otp: new OtpEnrollmentService(vault, { issuer: OTP_ISSUER }), derived }),
      derived,
      fido: new FidoKeySource({ simulate: station.options.simulate }),
      trainingToken: () => (token ??= new VirtualOathApplet()),
    };
    byStation.set(station, b);
  }
  return b;
}

const keyDto = (k: IssuedFidoKey) => ({
  id: k.id,
  issuedAt: k.issuedAt,
  issuedBy: k.issuedBy,
  aaguid: k.record.aaguid,
  product: k.record.product,
  serial: k.record.serial,
  attestationSubject: k.record.attestationSubject,
  minPinLength: k.record.minPinLength,
  forcePinChange: k.record.forcePinChange,
});

export function deviceIssuanceHandlers(station: Station): DeviceIssuanceHandlers {
  const svc = () => deviceIssuanceServices(station);
  return {
    'deviceIssuance.permissions': ({ applicantId }, ctx) => svc().service.permissions(actorOf(station, ctx), applicantId),
    'deviceIssuance.issued': ({ applicantId }, ctx) => {
      const all = svc().service.issued(actorOf(station, ctx), applicantId);
      return { fido: all.fido.map(keyDto), otp: all.otp, derived: all.derived };
    },
    'deviceIssuance.training': () => ({ virtualFidoKey: svc().fido.simulates }),
    'deviceIssuance.fido.probe': async ({ applicantId }, ctx) => {
      svc().service.assertPermitted(actorOf(station, ctx), applicantId, 'fido');
      const chosen = await svc().fido.choose();
      return { source: chosen.source, ...(await svc().service.probeFidoKey(actorOf(station, ctx), applicantId, chosen.access)) };
    },
    'deviceIssuance.fido.enroll': async ({ applicantId, pin, forcePinChange }, ctx) => {
      svc().service.assertPermitted(actorOf(station, ctx), applicantId, 'fido');
      const chosen = await svc().fido.choose();
      const virtual = chosen.source === 'virtual';
      const result = await svc().service.enrollFidoKey(actorOf(station, ctx), applicantId, {
        access: chosen.access,
        pin,
        ...(forcePinChange ? { forcePinChange: true } : {}),
        coach: (s) => ctx.emit('deviceIssuance.fido.coaching', { applicantId, virtual, ...s }),
      });
      return { key: keyDto(result.key), pinPolicyApplied: result.pinPolicyApplied };
    },
    'deviceIssuance.fido.virtual': ({ action }) => {
      const key = svc().fido.virtual;
      if (!key) throw new StationError('FIDO_NO_VIRTUAL_KEY', 'There is no training key on this station right now. Start a FIDO enrollment first.');
      if (action === 'touch') return { accepted: key.device.touch() };
      key.replug();
      return { accepted: true };
    },
    'deviceIssuance.otp.start': ({ applicantId, account, digits }, ctx) => svc().service.startOtpApp(actorOf(station, ctx), applicantId, { account, ...(digits ? { digits } : {}) }),
    'deviceIssuance.otp.confirm': ({ enrollmentId, code }, ctx) => svc().service.confirmOtpApp(actorOf(station, ctx), enrollmentId, code),
    'deviceIssuance.otp.token': async ({ applicantId, account, type, digits, reader }, ctx) => {
      const actor = actorOf(station, ctx);
      svc().service.assertPermitted(actor, applicantId, 'otp');
      const request = { account, ...(type ? { type } : {}), ...(digits ? { digits } : {}) };
      const manager = station.hardware.readers?.manager;
      const cardInReader = manager?.readers().some((r) => r.cardPresent && (!reader || r.name === reader)) ?? false;
      if (station.options.simulate === 'always' || (!cardInReader && station.options.simulate === 'auto')) {
        const applet = svc().trainingToken();
        return { ...(await svc().service.provisionOtpToken(actor, applicantId, applet.transmit, request)), source: 'virtual' as const };
      }
      if (!manager) throw new StationError('PCSC_UNAVAILABLE', 'Smart-card reader support is not configured on this station, so the OATH token cannot be written.');
      const record = await manager.withCard({ waitMs: CARD_WAIT_MS, ...(reader ? { reader } : {}) }, (channel) => svc().service.provisionOtpToken(actor, applicantId, (apdu) => channel.transmit(apdu), request));
      return { ...record, source: 'reader' as const };
    },
    'deviceIssuance.otp.cancel': ({ enrollmentId }) => {
      svc().service.cancelOtpApp(enrollmentId);
      return {};
    },
    'deviceIssuance.derived.issue': async ({ applicantId, pin, reader }, ctx) => {
      const actor = actorOf(station, ctx);
      svc().service.assertPermitted(actor, applicantId, 'derived'); // before waiting for a card
      const manager = station.hardware.readers?.manager;
      if (!manager) throw new StationError('PCSC_UNAVAILABLE', 'Smart-card reader support is not configured on this station, so the PIV card cannot be checked.');
      const { code, record } = await manager.withCard({ waitMs: CARD_WAIT_MS, ...(reader ? { reader } : {}) }, (channel) => svc().service.issueDerived(actor, applicantId, (apdu) => channel.transmit(apdu), pin));
      return { code, activation: record };
    },
  };
}
