// Small shared pieces: error and forbidden panels, the loaded-page frame, dates, drafts, badges.
import { useCallback, useState, type ReactNode } from 'react';
import type { Loaded } from '../query.js';
import { ApiError, errorMessage } from '../api.js';
import { Link } from '../router.js';

export function ErrorPanel({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 403) {
    return (
      <section className="panel forbidden" role="alert" data-testid="forbidden">
        <h2>Forbidden</h2>
        <p>{error.message}</p>
        <p className="muted">
          Your role or country does not give access to this page. <Link to="/">Back to the start page</Link>
        </p>
      </section>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <section className="panel notfound" role="alert" data-testid="not-found">
        <h2>Not found</h2>
        <p>{error.message}</p>
        <p className="muted">It does not exist, or it is not shared with your agency or country.</p>
      </section>
    );
  }
  return (
    <p className="error" role="alert">
      {errorMessage(error)}
    </p>
  );
}

/** The standard frame of a loaded page: error panel, spinner, or the content. */
export function Loader<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.error && state.data === undefined) return <ErrorPanel error={state.error} />;
  if (state.data === undefined)
    return (
      <p className="muted" aria-busy="true">
        Loading…
      </p>
    );
  return (
    <>
      {state.error ? <ErrorPanel error={state.error} /> : null}
      {children(state.data)}
    </>
  );
}

export const fmtDate = (s: string | null | undefined) =>
  s ? new Date(s).toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: '2-digit' }) : '—';
export const fmtDateTime = (s: string | null | undefined) => (s ? new Date(s).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—');
export const today = () => new Date().toISOString().slice(0, 10);

export function ActionError({ error }: { error: unknown }) {
  return error ? (
    <p className="error" role="alert">
      {errorMessage(error)}
    </p>
  ) : null;
}

/**
 * Text being typed that survives a sign-out by expiry: kept in sessionStorage (this tab only) under `key` until
 * cleared on success or by an explicit sign-out.
 */
export function useDraft(key: string): [string, (v: string) => void, () => void] {
  const k = `icse:draft:${key}`;
  const [value, setValue] = useState(() => sessionStorage.getItem(k) ?? '');
  const set = useCallback(
    (v: string) => {
      setValue(v);
      if (v) sessionStorage.setItem(k, v);
      else sessionStorage.removeItem(k);
    },
    [k],
  );
  return [value, set, useCallback(() => set(''), [set])];
}

export function clearDrafts(): void {
  for (const k of Object.keys(sessionStorage)) if (k.startsWith('icse:draft:')) sessionStorage.removeItem(k);
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind}`}>{children}</span>;
}
