// Sign-in: email and password; the 6-digit code field appears when the API answers `totp_required`.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../api.js';
import type { Me } from '../session.js';

export function Login({ onSignedIn, expired }: { onSignedIn(me: Me): void; expired?: boolean }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  // Focus goes to the code field once it exists (a timer before React's commit found no field: focus fell to the body).
  useEffect(() => {
    if (needTotp) codeRef.current?.focus();
  }, [needTotp]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await post('/api/v1/auth/login', { email, password, ...(needTotp ? { totp } : {}) });
      onSignedIn(await get<Me>('/api/v1/auth/me'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setNeedTotp(true);
        setError(undefined);
      } else {
        if (err instanceof ApiError && err.code === 'totp_invalid') setTotp('');
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="panel login-form" onSubmit={submit} aria-label="Sign in">
        <h1>ICSE</h1>
        <p className="muted">International child sexual exploitation database: certified law-enforcement users only. Every access is recorded.</p>
        {expired && (
          <p className="notice" role="status" data-testid="session-expired">
            Your session has expired, so you were signed out. Sign in again to return to this page; what you were typing has been kept.
          </p>
        )}
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            disabled={needTotp}
            autoFocus
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={needTotp}
          />
        </label>
        {needTotp && (
          <label>
            Authenticator code
            <input
              ref={codeRef}
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              placeholder="6 digits"
              value={totp}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, '').slice(0, 6))}
            />
            <span className="hint">Enter the 6-digit code from your authenticator app.</span>
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : needTotp ? 'Verify code' : 'Sign in'}
          </button>
          {needTotp && (
            <button
              type="button"
              onClick={() => {
                setNeedTotp(false);
                setTotp('');
                setError(undefined);
              }}
            >
              Back
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
