interface Change {
  field: string;
  label?: string;
  from: unknown;
  to: unknown;
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'boolean' ? (v ? 'Yes' : 'No') : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A policy change shows as a field-level diff; anything else as key: value pairs. */
export function EntryDetails({ details }: { details: Record<string, unknown> }) {
  const changes = Array.isArray(details.changes) ? (details.changes as Change[]) : undefined;
  const rest = Object.entries(details).filter(([k]) => k !== 'changes');
  return (
    <div className="entry-details">
      {changes && (
        <ul className="diff">
          {changes.map((c) => (
            <li key={c.field}>
              <strong>{c.label ?? c.field}</strong>: <del>{show(c.from)}</del> → <ins>{show(c.to)}</ins>
            </li>
          ))}
        </ul>
      )}
      {rest.length > 0 && <span className="muted small">{rest.map(([k, v]) => `${k}: ${show(v)}`).join(' · ')}</span>}
    </div>
  );
}
