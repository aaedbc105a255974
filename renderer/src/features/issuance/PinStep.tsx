import { useState } from 'react';

const WEAK = /^(\d)\1+$/;
function weak(pin: string): string | null {
  if (!/^\d{6,8}$/.test(pin)) return 'The PIN has 6 to 8 digits.';
  if (WEAK.test(pin)) return 'A PIN of one repeated digit is too easy to guess.';
  const up = '0123456789012345';
  const down = '9876543210987654';
  if (up.includes(pin) || down.includes(pin)) return 'A run of consecutive digits is too easy to guess.';
  return null;
}

/**
 * Applicant-facing: the applicant types the PIN twice. The station checks it again in main (the final
 * word on weak PINs); the PIN leaves this screen once, with the issue request, and is cleared.
 */
export function PinStep({ busy, onPin }: { busy: boolean; onPin: (pin: string) => void }) {
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const problem = pin ? weak(pin) : null;
  const mismatch = repeat !== '' && repeat !== pin;
  return (
    <section className="panel applicant-facing" aria-labelledby="pin-title">
      <h2 id="pin-title">4. Applicant: choose your PIN</h2>
      <p>Please turn the screen to the applicant. The PIN protects the card; the operator never sees it.</p>
      <label>
        PIN (6 to 8 digits)
        <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))} />
      </label>
      {problem && <p className="field-error">{problem}</p>}
      <label>
        PIN again
        <input type="password" inputMode="numeric" autoComplete="off" value={repeat} onChange={(e) => setRepeat(e.target.value.replace(/\D/g, '').slice(0, 8))} />
      </label>
      {mismatch && <p className="field-error">The two PINs differ.</p>}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || !pin || problem !== null || repeat !== pin}
          onClick={() => {
            const chosen = pin;
            setPin('');
            setRepeat('');
            onPin(chosen);
          }}
        >
          Set PIN and write the card
        </button>
      </div>
    </section>
  );
}
