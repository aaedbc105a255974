import type { ApiError } from '../api/client';

/** A typed error from main, in words a user can act on; the code is shown small for support calls. */
export function ErrorMessage({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  const code = 'code' in error ? (error as ApiError).code : 'ERROR';
  return (
    <div className="error-message" role="alert">
      <p>{error.message}</p>
      <p className="error-code">
        Code {code}
        {onRetry && (
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        )}
      </p>
    </div>
  );
}
