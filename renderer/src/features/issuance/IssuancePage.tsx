import { Page } from '../../components/Page';
import { DeviceIssuancePanel } from '../devices-issuance/DeviceIssuancePanel';

export function IssuancePage() {
  return (
    <Page title="Issuance" intro="Issue or replace a PIV card: pick the applicant, verify the fingerprint, encode and release the card.">
      <p className="notice">The issuance workflow is not built yet in this version of the station.</p>
      <DeviceIssuancePanel />
    </Page>
  );
}
