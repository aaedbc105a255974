/** Routes inside Administration, kept in the hash so reload and back work: #/admin/policy/<name>. */
export type AdminRoute = { view: 'types' } | { view: 'policy'; name: string } | { view: 'operators' };

export function adminRouteFromHash(hash: string): AdminRoute {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] !== 'admin') return { view: 'types' };
  if (parts[1] === 'policy' && parts[2]) return { view: 'policy', name: decodeURIComponent(parts[2]) };
  if (parts[1] === 'operators') return { view: 'operators' };
  return { view: 'types' };
}

export const hrefFor = (r: AdminRoute): string =>
  r.view === 'policy' ? `#/admin/policy/${encodeURIComponent(r.name)}` : r.view === 'operators' ? '#/admin/operators' : '#/admin';
