// Regression: the probe list of one query outgrowing its scratch buffer (large radius, many
// tables) once dropped the probes already listed, so a first such query missed matches.
// Its own file, so the scratch buffers start at their initial size.
import { expect, it } from 'vitest';
import { PdqIndex } from './pdq-index.js';
import { Prng } from './prng.js';
import { bruteForce } from './brute.js';

it('a first query whose probe list outgrows the scratch buffer is still exact', () => {
  const rng = new Prng(314);
  const n = 20_000;
  const codes = rng.codes(n);
  const index = PdqIndex.build(
    Array.from({ length: n }, (_, i) => i + 1),
    codes,
    { layout: { m: 11, prefixBits: 14 } },
  );
  for (let k = 0; k < 20; k++) {
    const q = codes.slice(k * 8, k * 8 + 8);
    rng.flip(q, 0, 12);
    const expected = bruteForce(codes, q, 63)
      .map((h) => `${h.index + 1}:${h.distance}`)
      .sort();
    expect(expected).toContain(`${k + 1}:12`);
    expect(
      index
        .query(q, 63)
        .map((m) => `${m.id}:${m.distance}`)
        .sort(),
      `query ${k}`,
    ).toEqual(expected);
  }
});
