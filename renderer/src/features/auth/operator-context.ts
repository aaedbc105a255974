import { createContext, useContext } from 'react';
import type { SignedInOperator } from './RequireSignIn';

/** The operator signed in on this window; the whole station (every section) sits behind sign-in. */
export const OperatorContext = createContext<SignedInOperator | null>(null);

export function useOperator(): SignedInOperator {
  const operator = useContext(OperatorContext);
  if (!operator) throw new Error('useOperator() outside the signed-in part of the app');
  return operator;
}
