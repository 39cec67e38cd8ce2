// Per-stage time totals for profiling the ingest path (bench:ingest --profile, or ICSE_PROFILE=1).
// Off by default: then span() is one branch and a call. Worker threads send their own stage times back
// with each reply (see src/seizures/hash-worker.ts), added here under 'worker.*'.
interface Total {
  ms: number;
  n: number;
}
const totals = new Map<string, Total>();
let on = process.env.ICSE_PROFILE === '1';

export const spansEnabled = () => on;
export function enableSpans(enabled = true) {
  on = enabled;
}
export function resetSpans() {
  totals.clear();
}

/** Single SQL statements over this many ms, kept (up to 200) so a held event loop can be matched with what ran then
 * (on PGlite a statement runs on the main thread; other spans are wall time around awaits, not holds). */
const LONG_MS = 250;
const long: Array<{ name: string; ms: number; at: number }> = [];

export function addSpan(name: string, ms: number, n = 1) {
  if (!on) return;
  if (ms >= LONG_MS && n === 1 && long.length < 200 && name.startsWith('sql:')) long.push({ name, ms, at: Date.now() });
  const t = totals.get(name);
  if (t) {
    t.ms += ms;
    t.n += n;
  } else totals.set(name, { ms, n });
}

export async function span<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!on) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    addSpan(name, performance.now() - t0);
  }
}

/** The long statements recorded since the last call (and forgets them). */
export function takeLongSpans(): Array<{ name: string; ms: number; at: number }> {
  return long.splice(0);
}

export function spanTotals(): Record<string, Total> {
  return Object.fromEntries([...totals].sort((a, b) => b[1].ms - a[1].ms));
}
