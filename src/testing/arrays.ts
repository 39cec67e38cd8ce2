// Comparing large numeric arrays in tests: toEqual over tens of thousands of elements costs seconds, and a
// bit-exactness check must tell -0 from 0 (Object.is).

/** The index of the first element that differs (Object.is), the shorter length if one is a prefix, or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : n;
}
