// Routing is react-router's (a data router, made in main.tsx); this module is the small vocabulary the pages use over it.
import { useCallback, useEffect, type ReactNode } from 'react';
import { useBlocker, useLocation as useRouterLocation, useParams, useSearchParams, type createBrowserRouter } from 'react-router';
import { ApiError } from './api.js';
import { ErrorPanel } from './components/common.js';

export { Link, Route, Routes } from 'react-router';

type Router = ReturnType<typeof createBrowserRouter>;
let router: Router | null = null;
/** main.tsx hands the router over once, so code outside components (after an await) can navigate. */
export function bindRouter(r: Router): void {
  router = r;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  void router?.navigate(to, { replace: opts.replace });
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const loc = useRouterLocation();
  return { path: loc.pathname, query: new URLSearchParams(loc.search) };
}

/** Replaces some query parameters of the current URL (empty values removed); `push` makes a Back step. */
export function useSetQuery(): (patch: Record<string, string | number | null | undefined>, opts?: { push?: boolean }) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (patch, opts = {}) =>
      setParams(
        (prev) => {
          const q = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch))
            if (v === null || v === undefined || v === '') q.delete(k);
            else q.set(k, String(v));
          return q;
        },
        { replace: !opts.push, preventScrollReset: true },
      ),
    [setParams],
  );
}

/** A page of one record: `:id` must be a number, otherwise the page does not exist. */
export function WithId({ page }: { page: (id: number) => ReactNode }) {
  const { id = '' } = useParams();
  return /^\d+$/.test(id) ? <>{page(Number(id))}</> : <NotFound />;
}

export function NotFound() {
  const { path } = useLocation();
  return <ErrorPanel error={new ApiError(404, 'not_found', `no page ${path}`)} />;
}

/**
 * While `message` is set (e.g. an upload in progress), leaving asks first: the app's own links and Back through the
 * router's blocker, a reload or closing the tab through the browser's beforeunload prompt.
 */
export function useLeaveGuard(message: string | null): void {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => !!message && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(message ?? '')) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
  useEffect(() => {
    if (!message) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = message;
      return message;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [message]);
}
