import { FIELD_LABELS } from './model';

export interface FieldChange {
  /** Dotted path, e.g. `fascn.agencyCode`. */
  field: string;
  label: string;
  from: unknown;
  to: unknown;
}

function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = value;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-level differences between two settings objects (arrays compare as one field). */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields
    .filter((f) => !same(a[f], b[f]))
    .map((field) => ({ field, label: FIELD_LABELS[field] ?? field, from: a[field] ?? null, to: b[field] ?? null }));
}
