import { Page } from '../../components/Page';

export function AuditPage() {
  return (
    <Page title="Audit" intro="The append-only, hash-chained journal of everything done at this station.">
      <p className="notice">The audit journal view is not built yet in this version of the station.</p>
    </Page>
  );
}
