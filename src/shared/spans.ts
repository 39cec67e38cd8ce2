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

/** The most recent single spans (end time and length), to tell what ran while the event loop was held (bench:ingest). */
const RECENT = 16384;
const recentName: string[] = new Array(RECENT);
const recentEnd = new Float64Array(RECENT),
  recentMs = new Float64Array(RECENT);
let recentN = 0;

export function addSpan(name: string, ms: number, n = 1) {
  if (!on) return;
  if (n === 1) {
    const k = recentN++ % RECENT;
    recentName[k] = name;
    recentEnd[k] = performance.now();
    recentMs[k] = ms;
  }
  const t = totals.get(name);
  if (t) {
    t.ms += ms;
    t.n += n;
  } else totals.set(name, { ms, n });
}

/**
 * The recent spans that cover most (≥ 80 %) of the stretch [from, to] (performance.now() times), innermost (shortest)
 * first: what a held event loop was inside. A synchronous stretch lies within every span awaiting around it, so the
 * shortest covering one names it best.
 */
export function spansCovering(from: number, to: number, max = 3): Array<{ name: string; ms: number }> {
  const out: Array<{ name: string; ms: number }> = [];
  const need = 0.8 * (to - from);
  for (let i = Math.max(0, recentN - RECENT); i < recentN; i++) {
    const k = i % RECENT,
      end = recentEnd[k]!,
      start = end - recentMs[k]!;
    if (Math.min(end, to) - Math.max(start, from) >= need) out.push({ name: recentName[k]!, ms: recentMs[k]! });
  }
  return out.sort((x, y) => x.ms - y.ms).slice(0, max);
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

export function spanTotals(): Record<string, Total> {
  return Object.fromEntries([...totals].sort((a, b) => b[1].ms - a[1].ms));
}
