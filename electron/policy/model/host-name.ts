/**
 * CMS Server Key = a DNS host name (RFC 1123 labels). People paste URLs from the browser bar, so a URL
 * (with or without scheme, port or path) yields a suggestion of just its host.
 */
const MAX_LABEL_LENGTH = 63;
const MAX_HOST_LENGTH = 253;

// Plain checks instead of one nested-quantifier regex (no backtracking on long pasted input).
function isLabel(l: string): boolean {
  return l.length >= 1 && l.length <= MAX_LABEL_LENGTH && /^[a-z0-9-]+$/i.test(l) && !l.startsWith('-') && !l.endsWith('-');
}

function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p));
}

export function isHostName(value: string): boolean {
  if (value.length === 0 || value.length > MAX_HOST_LENGTH || isIpv4(value)) return false;
  const labels = value.split('.');
  // The last label (top-level domain) is never all digits (RFC 3696 §2).
  if (/^\d+$/.test(labels[labels.length - 1]!)) return false;
  return labels.every(isLabel);
}

/** The host inside a pasted URL or host:port, if it is a valid host name. */
export function hostFromUrlLike(value: string): string | undefined {
  try {
    const url = new URL(value.includes('://') ? value : `https://${value}`);
    const host = url.hostname.replace(/\.$/, '');
    return isHostName(host) ? host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

export interface HostCheck {
  error?: string;
  suggestion?: string;
}

export function checkCmsServerKey(raw: unknown): HostCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { error: 'Enter the DNS name of the HID CMS server, for example cms.example.gov.' };
  const value = raw.trim();
  if (value !== raw) return { error: 'Remove the spaces before or after the host name.', suggestion: value };
  if (isIpv4(value)) return { error: "Enter the server's DNS name, not an IP address (the CMS certificate is issued to a name)." };
  if (/[/:?#@\s]/.test(value)) {
    const host = hostFromUrlLike(value);
    return host
      ? { error: `Enter the host name only, without scheme, port or path. Did you mean ${host}?`, suggestion: host }
      : { error: 'Enter a host name such as cms.example.gov, not a URL.' };
  }
  if (value.endsWith('.') && isHostName(value.slice(0, -1))) return { error: 'Remove the trailing dot.', suggestion: value.slice(0, -1) };
  if (!isHostName(value)) {
    return { error: 'Not a valid host name: use letters, digits and hyphens in dot-separated labels (each up to 63 characters, not starting or ending with a hyphen).' };
  }
  return {};
}
