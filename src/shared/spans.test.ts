// What a held event loop was inside: the shortest recent spans covering most of the stretch.
import { afterAll, describe, expect, it } from 'vitest';
import { addSpan, enableSpans, resetSpans, spansCovering, spanTotals } from './spans.js';

describe('spans', () => {
  afterAll(() => enableSpans(false));

  it('totals per name, and the recent spans that cover a stretch, innermost first', async () => {
    enableSpans(true);
    resetSpans();
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const t0 = performance.now();
    const outer = performance.now();
    busy(5);
    const inner = performance.now();
    busy(60); // the "hold"
    addSpan('inner', performance.now() - inner);
    const heldTo = performance.now();
    busy(5);
    addSpan('outer', performance.now() - outer);
    addSpan('elsewhere', 1);
    const covering = spansCovering(inner + 1, heldTo - 1);
    expect(covering.map((c) => c.name)).toEqual(['inner', 'outer']);
    expect(covering[0]!.ms).toBeGreaterThanOrEqual(60);
    // A stretch before any of them: nothing covers it.
    expect(spansCovering(t0 - 1000, t0 - 900)).toEqual([]);
    expect(spanTotals().inner!.n).toBe(1);
    // Off: nothing is recorded.
    enableSpans(false);
    addSpan('off', 100);
    expect(spanTotals().off).toBeUndefined();
  });
});
