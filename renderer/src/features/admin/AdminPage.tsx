import { Page } from '../../components/Page';

export function AdminPage() {
  return (
    <Page title="Administration" intro="Credential Types: the locally cached policy that decides how cards and devices are issued.">
      <p className="notice">Policy editing is not built yet in this version of the station.</p>
    </Page>
  );
}
