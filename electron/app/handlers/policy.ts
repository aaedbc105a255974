import { isStationError } from '../../common/errors';
import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';
import { actorOf, adminServices } from './admin-services';

type PolicyHandlers = Pick<
  HandlerTable,
  | 'policy.list'
  | 'policy.running'
  | 'policy.get'
  | 'policy.save'
  | 'policy.history'
  | 'policy.revert'
  | 'policy.export'
  | 'policy.previewImport'
  | 'policy.applyImport'
  | 'policy.signers'
  | 'policy.trustSigner'
>;

const fileNameFor = (name: string, version: number) => `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}-v${version}.policy.json`;

export function policyHandlers(station: Station): PolicyHandlers {
  const svc = () => adminServices(station).policy;
  return {
    'policy.list': () => ({ policies: svc().list() }),
    'policy.running': () => ({ policies: svc().running() }),
    'policy.get': ({ name }, ctx) => ({ policy: svc().get(name), cardProfiles: svc().cardProfiles(), canEdit: actorOf(station, ctx).role === 'system_manager' }),
    'policy.save': (req, ctx) => svc().save(actorOf(station, ctx), req),
    'policy.history': ({ name }) => ({ versions: svc().history(name) }),
    'policy.revert': (req, ctx) => svc().revert(actorOf(station, ctx), req),
    'policy.export': ({ name }, ctx) => {
      const bundle = svc().exportBundle(actorOf(station, ctx).name, name);
      return { fileName: fileNameFor(bundle.policy.name, bundle.policy.version), content: `${JSON.stringify(bundle, null, 2)}\n` };
    },
    'policy.previewImport': ({ content }) => svc().previewImport(content),
    'policy.applyImport': ({ content, baseVersion }, ctx) => svc().applyImport(actorOf(station, ctx), content, baseVersion),
    'policy.signers': () => {
      // The list of trusted signers never needs the private key; this station's own key may be out of
      // reach (no key passphrase in browser mode): say why instead of failing the whole panel.
      try {
        return { station: svc().stationSigner(), trusted: svc().signers() };
      } catch (e) {
        if (!isStationError(e)) throw e;
        return { station: null, stationKeyProblem: e.message, trusted: svc().signers() };
      }
    },
    'policy.trustSigner': (req, ctx) => svc().trustSigner(actorOf(station, ctx), req),
  };
}
