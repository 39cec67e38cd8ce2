// Server state: TanStack Query over the fetch layer in api.ts (which keeps the session-expiry and error handling).
// Cache keys follow the URL: `/api/v1/seizures/12/triage?limit=200` is ['seizures', '12', 'triage', {limit: 200}],
// so invalidating ['seizures', '12'] after a change refreshes the seizure and every list under it, wherever shown.
import { QueryClient, keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiError, get, type Query } from './api.js';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Pages refetch on mount when older than this: Back to a list shows the cached page at once, then refreshes.
      staleTime: 5_000,
      refetchOnWindowFocus: false,
      // An answer of the server (403, 404, 409…) is final; only a lost connection or a 5xx is worth one more try.
      retry: (n, e) => n < 1 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
    },
  },
});

/** The cache key of a GET `url` with its query: the path's segments after /api/v1, then the query (empty values dropped). */
export function apiKey(url: string, query?: Query): QueryKey {
  const segs = url
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean);
  if (!query) return segs;
  const q = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return Object.keys(q).length ? [...segs, q] : segs;
}

/** What a page needs of a load: the data (kept while refreshing), the error, and ways to refresh or replace it. */
export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData(d: T): void;
}

export interface GetOptions<T> {
  /** false: do not load (yet). */
  enabled?: boolean;
  /** Poll every n ms (e.g. while the server is still processing). */
  refetchInterval?: number | false | ((data: T | undefined) => number | false);
}

/** GET `url` through the cache (`url` null: nothing to load). */
export function useGet<T>(url: string | null, query?: Query, opts: GetOptions<T> = {}): Loaded<T> {
  const key = apiKey(url ?? '', query);
  return useKeyed<T>(key, () => get<T>(url!, query), { ...opts, enabled: url !== null && opts.enabled !== false });
}

/** A load that is not one GET (several requests, a transform): `key` names it in the cache. */
export function useKeyed<T>(key: QueryKey, load: () => Promise<T>, opts: GetOptions<T> = {}): Loaded<T> {
  const qc = useQueryClient();
  const every = opts.refetchInterval;
  const q = useQuery({
    queryKey: key,
    queryFn: load,
    enabled: opts.enabled !== false,
    refetchInterval: typeof every === 'function' ? (query) => every(query.state.data) : every,
    placeholderData: keepPreviousData,
  });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  const keyText = JSON.stringify(key);
  const setData = useCallback((d: T) => qc.setQueryData(JSON.parse(keyText) as QueryKey, d), [qc, keyText]);
  return { data: q.data, error: q.error ?? undefined, loading: q.isFetching, reload, setData };
}

/** Marks cached answers under these URLs stale and refetches the ones on screen (e.g. after a change). */
export function invalidate(...urls: string[]): Promise<void> {
  return Promise.all(urls.map((u) => queryClient.invalidateQueries({ queryKey: apiKey(u) }))).then(() => undefined);
}

/**
 * A form action as a mutation: runs `fn`, shows its error, disables the button meanwhile, and on success marks the
 * given URLs stale so every list and count that shows them refreshes.
 */
export function useAction(...invalidates: string[]) {
  const m = useMutation<unknown, unknown, () => Promise<unknown>>({
    mutationFn: (fn) => fn(),
    onSuccess: () => invalidate(...invalidates),
  });
  // A check made before sending (a malformed field) shows in the same place as the server's answer.
  const [local, setLocal] = useState<unknown>();
  const { mutateAsync } = m;
  const run = useCallback(
    async (fn: () => Promise<unknown>) => {
      setLocal(undefined);
      try {
        await mutateAsync(fn);
        return true;
      } catch {
        return false;
      }
    },
    [mutateAsync],
  );
  return { busy: m.isPending, error: local ?? m.error ?? undefined, run, setError: setLocal };
}
