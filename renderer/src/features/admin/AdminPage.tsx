import { useEffect, useState } from 'react';
import { Page } from '../../components/Page';
import { useOperator } from '../auth/operator-context';
import { CredentialTypes } from './CredentialTypes';
import { PolicyEditor } from './PolicyEditor';
import { OperatorsPanel } from './OperatorsPanel';
import { adminRouteFromHash, hrefFor, type AdminRoute } from './routes';
import './admin.css';

export function AdminPage() {
  const operator = useOperator();
  const [route, setRoute] = useState<AdminRoute>(() => adminRouteFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(adminRouteFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <Page title="Administration" intro="Credential Types and their policies (how cards and devices are issued), and operator accounts.">
      <>
            <nav className="admin-tabs" aria-label="Administration">
              <a href={hrefFor({ view: 'types' })} aria-current={route.view !== 'operators' ? 'page' : undefined}>
                Credential Types
              </a>
              <a href={hrefFor({ view: 'operators' })} aria-current={route.view === 'operators' ? 'page' : undefined}>
                Operators
              </a>
            </nav>
            {route.view === 'types' && <CredentialTypes />}
            {route.view === 'policy' && <PolicyEditor key={route.name} name={route.name} operator={operator} />}
            {route.view === 'operators' && <OperatorsPanel operator={operator} />}
      </>
    </Page>
  );
}
