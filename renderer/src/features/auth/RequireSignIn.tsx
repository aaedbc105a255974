import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, call } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ROLE_NAMES } from '../../../../electron/ipc/channels/auth';
import { SignInForm } from './SignInForm';
import './auth.css';

export interface SignedInOperator {
  name: string;
  role: keyof typeof ROLE_NAMES;
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; error: ApiError }
  | { kind: 'signedOut'; firstRun: boolean; notice?: string }
  | { kind: 'signedIn'; operator: SignedInOperator; idleMinutes: number };

const ACTIVITY_EVENTS = ['mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Shows its children only to a signed-in operator; otherwise the sign-in (or first-run setup) form.
 * Signs out after the station's idle timeout without keyboard or mouse activity.
 */
export function RequireSignIn({ children }: { children: (operator: SignedInOperator, signOut: () => void) => ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const lastActivity = useRef(Date.now());

  const refresh = useCallback(async (notice?: string) => {
    try {
      const s = await call('auth.status', {});
      setState(s.operator ? { kind: 'signedIn', operator: s.operator, idleMinutes: s.idleMinutes } : { kind: 'signedOut', firstRun: s.firstRun, notice });
    } catch (e) {
      setState({ kind: 'error', error: e as ApiError });
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const signOut = useCallback(
    async (reason: 'user' | 'idle' = 'user') => {
      await call('auth.signOut', { reason }).catch(() => undefined);
      await refresh(reason === 'idle' ? 'You were signed out after a period of inactivity. Sign in again.' : undefined);
    },
    [refresh],
  );

  const idleMinutes = state.kind === 'signedIn' ? state.idleMinutes : 0;
  useEffect(() => {
    if (!idleMinutes) return;
    lastActivity.current = Date.now();
    const mark = () => (lastActivity.current = Date.now());
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, mark, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current > idleMinutes * 60_000) void signOut('idle');
    }, 15_000);
    return () => {
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, mark));
      window.clearInterval(timer);
    };
  }, [idleMinutes, signOut]);

  switch (state.kind) {
    case 'loading':
      return <p className="muted">Checking who is signed in…</p>;
    case 'error':
      return <ErrorMessage error={state.error} onRetry={() => void refresh()} />;
    case 'signedOut':
      return <SignInForm firstRun={state.firstRun} notice={state.notice} onSignedIn={() => void refresh()} />;
    case 'signedIn':
      return (
        <>
          <div className="signed-in-bar" data-testid="signed-in-as">
            Signed in as <strong>{state.operator.name}</strong> ({ROLE_NAMES[state.operator.role]})
            <button type="button" className="link-button" onClick={() => void signOut('user')}>
              Sign out
            </button>
          </div>
          {children(state.operator, () => void signOut('user'))}
        </>
      );
  }
}
