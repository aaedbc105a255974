import { Page } from '../../components/Page';

export function ApplicantsPage() {
  return (
    <Page title="Applicants" intro="Enrollment records imported from the enrollment system: identity, fingerprints and card status.">
      <p className="notice">Applicant import is not built yet in this version of the station.</p>
    </Page>
  );
}
