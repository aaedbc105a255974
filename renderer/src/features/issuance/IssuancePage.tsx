import { useState } from 'react';
import { Page } from '../../components/Page';
import { DeviceIssuancePanel } from '../devices-issuance/DeviceIssuancePanel';
import { useOperator } from '../auth/operator-context';
import { ChooseStep } from './ChooseStep';
import { RunPanel } from './RunPanel';
import type { RunView } from './types';
import './issuance.css';

export function IssuancePage() {
  const operator = useOperator();
  const [run, setRun] = useState<RunView>();
  const mayIssue = operator.role === 'badge_operator' || operator.role === 'system_manager';
  return (
    <Page title="Issuance" intro="Issue or replace a PIV card: pick the applicant, verify the fingerprint, encode and release the card.">
      {!mayIssue && <p className="notice">Only Badge Operators and System Managers issue cards. Your role can prepare applicants.</p>}
      {mayIssue && (run ? <RunPanel key={run.runId} initial={run} onClose={() => setRun(undefined)} /> : <ChooseStep onBegun={setRun} />)}
      <DeviceIssuancePanel applicantId={run?.applicantId} />
    </Page>
  );
}
