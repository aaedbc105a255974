import { useEffect, useState } from 'react';

/**
 * While `dirty`, leaving is confirmed first: in-app links (captured before the app's own hash routing)
 * open a confirmation, and closing or reloading the window gets the browser's prompt.
 * Returns the pending destination (to show a dialog) and what to do with it.
 */
export function useUnsavedGuard(dirty: boolean): { pending: string | null; leave: () => void; stay: () => void; confirmThen: (href: string) => void } {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!dirty) return;
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!a || a.closest('[data-guard-ignore]')) return;
      const href = a.getAttribute('href')!;
      if (href === window.location.hash) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(href);
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty]);
  return {
    pending,
    leave: () => {
      const to = pending;
      setPending(null);
      if (to !== null) window.location.hash = to;
    },
    stay: () => setPending(null),
    confirmThen: (href: string) => (dirty ? setPending(href) : (window.location.hash = href)),
  };
}
