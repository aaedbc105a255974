import { useEffect, useState, type ComponentType } from 'react';
import { sections, sectionFromHash, type SectionId } from './routes';
import { StatusBar } from './StatusBar';
import { IssuancePage } from '../features/issuance/IssuancePage';
import { ApplicantsPage } from '../features/applicants/ApplicantsPage';
import { DevicesPage } from '../features/devices/DevicesPage';
import { AdminPage } from '../features/admin/AdminPage';
import { AuditPage } from '../features/audit/AuditPage';
import { useCall } from '../api/useCall';
import { ErrorMessage } from '../components/ErrorMessage';
import { RequireSignIn } from '../features/auth/RequireSignIn';
import { OperatorContext } from '../features/auth/operator-context';

const pages: Record<SectionId, ComponentType> = {
  issuance: IssuancePage,
  applicants: ApplicantsPage,
  devices: DevicesPage,
  admin: AdminPage,
  audit: AuditPage,
};

export function App() {
  const [section, setSection] = useState<SectionId>(() => sectionFromHash(window.location.hash));
  const info = useCall('app.info', {});
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const Current = pages[section];
  return (
    <div className="shell">
      <header className="top-bar">
        <span className="brand">Issuance Station</span>
        {info.data && (
          <span className="muted" data-testid="app-mode">
            v{info.data.version} · {info.data.mode === 'browser' ? 'browser mode' : 'desktop'}
          </span>
        )}
      </header>
      <nav className="side-nav" aria-label="Sections">
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} aria-current={s.id === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        {info.error && <ErrorMessage error={info.error} onRetry={info.reload} />}
        {info.data && !info.data.fingerprintEngine.available && (
          <div className="error-message" role="alert" data-testid="engine-unavailable">
            <p>{info.data.fingerprintEngine.message}</p>
            <p className="error-code">Fingerprint matching is off until this is fixed; card issuance that needs it is blocked.</p>
          </div>
        )}
        {!info.error && (
          <RequireSignIn>
            {(operator) => (
              <OperatorContext.Provider value={operator}>
                <Current />
              </OperatorContext.Provider>
            )}
          </RequireSignIn>
        )}
      </main>
      <StatusBar />
    </div>
  );
}
