import type { Station } from '../station';
import type { HandlerTable } from '../dispatch';
import { actorOf, adminServices } from './admin-services';

type AuditHandlers = Pick<HandlerTable, 'audit.query' | 'audit.verify' | 'audit.exportCsv'>;

export function auditHandlers(station: Station): AuditHandlers {
  const svc = () => adminServices(station).audit;
  return {
    'audit.query': (filter, ctx) => svc().query(actorOf(station, ctx), filter),
    'audit.verify': (_req, ctx) => svc().verify(actorOf(station, ctx)),
    'audit.exportCsv': (filter, ctx) => {
      const { csv, count } = svc().exportCsv(actorOf(station, ctx), filter);
      return { fileName: `audit-${new Date().toISOString().slice(0, 10)}.csv`, csv, count };
    },
  };
}
