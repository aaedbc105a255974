import type { ReactNode } from 'react';

/** One labelled field with its validation message, note and one-click suggestion beside it. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; note?: string; suggestion?: string; onSuggest?: (v: string) => void; disabled?: boolean; children: ReactNode }) {
  const { id, label, hint, error, note, suggestion, onSuggest, disabled, children } = props;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-body">
        {children}
        {hint && <span className="hint">{hint}</span>}
        {error && (
          <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
            {error}
            {suggestion && onSuggest && !disabled && (
              <button type="button" className="link-button suggest" onClick={() => onSuggest(suggestion)}>
                Use {suggestion}
              </button>
            )}
          </p>
        )}
        {note && (
          <p className="field-note" id={`${id}-note`} data-testid={`${id}-note`}>
            {note}
          </p>
        )}
      </div>
    </div>
  );
}
