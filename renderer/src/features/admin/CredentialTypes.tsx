import { useEffect, useRef, useState } from 'react';
import { useCall } from '../../api/useCall';
import { ErrorMessage } from '../../components/ErrorMessage';
import { hrefFor } from './routes';
import { formatTime } from './format';

/** Credential types with their one policy each; select a row, then its gear button → Configure Policy. */
export function CredentialTypes() {
  const list = useCall('policy.list', {});
  const [selected, setSelected] = useState<string>();
  const [menuFor, setMenuFor] = useState<string>();
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menuFor) return;
    const close = (e: MouseEvent) => !menuRef.current?.contains(e.target as Node) && setMenuFor(undefined);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [menuFor]);

  if (list.error) return <ErrorMessage error={list.error} onRetry={list.reload} />;
  if (!list.data) return <p className="muted">Loading credential types…</p>;
  return (
    <section aria-labelledby="types-title">
      <h2 id="types-title">Credential Types</h2>
      <table className="table">
        <thead>
          <tr>
            <th>Credential type</th>
            <th>Credential policy</th>
            <th>Running version</th>
            <th>Last change</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {list.data.policies.map((p) => (
            <tr key={p.name} aria-selected={selected === p.name} className={selected === p.name ? 'selected' : undefined} onClick={() => setSelected(p.name)}>
              <td>{p.credentialType}</td>
              <td>
                <label className="row-select">
                  <input type="radio" name="policy" checked={selected === p.name} onChange={() => setSelected(p.name)} aria-label={`Select ${p.name}`} />
                  {p.name}
                </label>
              </td>
              <td data-testid={`running-version-${p.name}`}>Version {p.version}</td>
              <td className="muted">
                {p.source} by {p.updatedBy}, {formatTime(p.updatedAt)}
              </td>
              <td className="gear-cell">
                <div className="menu-anchor" ref={menuFor === p.name ? menuRef : undefined}>
                  <button
                    type="button"
                    className="gear"
                    aria-label={`Policy actions for ${p.name}`}
                    aria-haspopup="menu"
                    aria-expanded={menuFor === p.name}
                    disabled={selected !== p.name}
                    title={selected === p.name ? 'Policy actions' : 'Select the policy first'}
                    onClick={(e) => {
                      e.stopPropagation();
                      setMenuFor(menuFor === p.name ? undefined : p.name);
                    }}
                  >
                    ⚙
                  </button>
                  {menuFor === p.name && (
                    <div role="menu" className="menu">
                      <a role="menuitem" href={hrefFor({ view: 'policy', name: p.name })}>
                        Configure Policy
                      </a>
                    </div>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
