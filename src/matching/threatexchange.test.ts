// ThreatExchange MIH regression data: 100 needles vs 1350 haystack hashes at distance <= 32
// must give exactly the 250 pairs of the brute-force reference CSV (test-only data, not copied).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TESTDATA_DIR } from '../testing/testdata.js';
import { describe, expect, it } from 'vitest';
import { codeFromHex } from './code.js';
import { ParallelMatcher, batchMatches } from './parallel.js';
import { PdqIndex, type PdqIndexOptions } from './pdq-index.js';

const data = path.join(TESTDATA_DIR, 'pdq');
const lines = (f: string) =>
  readFileSync(path.join(data, f), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

describe('ThreatExchange needles vs haystack (d <= 32)', () => {
  const needles = lines('data/reg-test-input/needles.txt');
  const haystack = lines('data/reg-test-input/haystack.txt');
  const expected = lines('expected/needles-vs-haystack-d32.csv').slice(1).sort();

  it('reference files are as documented', () => {
    expect(needles).toHaveLength(100);
    expect(haystack).toHaveLength(1350);
    expect(expected).toHaveLength(250);
  });

  const variants: [string, PdqIndexOptions][] = [
    ['automatic layout', {}],
    ['forced MIH m=16', { layout: { m: 16, prefixBits: 8 } }],
    ['forced MIH m=11 with inline suffix', { layout: { m: 11, prefixBits: 7 } }],
    ['scan only', { layout: 'scan' }],
  ];
  for (const [name, opts] of variants) {
    it(`${name}: exactly the 250 expected pairs`, () => {
      // Ids are haystack line numbers + 1 (ids must be positive).
      const index = PdqIndex.build(
        haystack.map((_, i) => i + 1),
        haystack,
        opts,
      );
      const pairs: string[] = [];
      needles.forEach((h, ni) => {
        for (const m of index.query(h, 32)) pairs.push(`${ni},${m.id - 1},${m.distance}`);
      });
      expect(pairs.sort()).toEqual(expected);
    });
  }

  it('incrementally added haystack and a parallel batch agree', async () => {
    const index = new PdqIndex({ bufferSize: 100 });
    haystack.forEach((h, i) => index.add(i + 1, codeFromHex(h)));
    const matcher = new ParallelMatcher(index, { threads: 2 });
    try {
      const res = await matcher.queryBatch(needles, { radius: 32 });
      const pairs: string[] = [];
      for (let ni = 0; ni < needles.length; ni++) for (const m of batchMatches(res, ni)) pairs.push(`${ni},${m.id - 1},${m.distance}`);
      expect(pairs.sort()).toEqual(expected);
    } finally {
      await matcher.close();
    }
  });
});
