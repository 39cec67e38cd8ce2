// Merges built off the index's thread: answers stay exactly a brute-force scan's while merges are in flight, land,
// fail, or are dropped, whatever is added, removed or moved in between.
import { afterAll, describe, expect, it } from 'vitest';
import { BackgroundMerger, type SegmentMerger } from './background-merge.js';
import { codeToHex } from './code.js';
import { ParallelMatcher } from './parallel.js';
import { PdqIndex } from './pdq-index.js';
import { Prng } from './prng.js';
import { mergeSegments, type Segment, type SegmentOptions } from './segment.js';
import { makeCodes, makeQuery, oracle } from './testutil.js';

const RADII = [0, 31, 63];

function answers(index: PdqIndex, q: Uint32Array, r: number): string[] {
  return index
    .query(q, r)
    .map((m) => `${m.id}:${m.distance}`)
    .sort();
}

/** Merges as of the call, handed back only when release() is called (the worker's timing, made explicit). */
class HeldMerger implements SegmentMerger {
  calls = 0;
  private held: Array<() => void> = [];
  constructor(private readonly fail = false) {}
  merge(segs: readonly Segment[], opts: SegmentOptions): Promise<Segment> {
    this.calls++;
    const merged = mergeSegments(segs, opts);
    return new Promise((resolve, reject) => this.held.push(() => (this.fail ? reject(new Error('merge worker gone')) : resolve(merged))));
  }
  get waiting(): number {
    return this.held.length;
  }
  release(): void {
    for (const r of this.held.splice(0)) r();
  }
  /** Release until no merge is out (a landed merge can start the next). */
  async drain(index: PdqIndex): Promise<void> {
    while (index.merging) {
      this.release();
      await new Promise((r) => setImmediate(r));
    }
  }
}

/** Random adds (fresh, duplicate and near codes), removals, moves and queries against a model. */
async function workload(index: PdqIndex, seed: number, steps: number, between: (step: number) => Promise<void>): Promise<Map<number, Uint32Array>> {
  const rng = new Prng(seed);
  const pool = makeCodes(rng, 'clustered', 3000);
  const model = new Map<number, Uint32Array>();
  let nextId = 1;
  const someId = () => [...model.keys()][rng.int(model.size)];
  for (let step = 0; step < steps; step++) {
    const op = rng.int(100);
    if (op < 55 || model.size === 0) {
      const id = nextId++;
      const p = rng.int(3000) * 8;
      const c = rng.int(5) === 0 && model.size > 0 ? model.get(someId())!.slice() : pool.slice(p, p + 8);
      if (rng.int(4) === 0) rng.flip(c, 0, rng.int(6));
      index.add(id, c);
      model.set(id, c);
    } else if (op < 80) {
      const id = someId();
      expect(index.remove(id)).toBe(true);
      model.delete(id);
    } else if (op < 88) {
      const id = someId(),
        p = rng.int(3000) * 8,
        c = pool.slice(p, p + 8);
      index.add(id, c);
      model.set(id, c);
    } else {
      const q = makeQuery(rng, pool, 3000, 40);
      const r = RADII[rng.int(RADII.length)];
      expect(answers(index, q, r)).toEqual(oracle(model, q, 0, r));
    }
    await between(step);
  }
  expect(index.size).toBe(model.size);
  for (const [id, c] of model) expect(codeToHex(index.codeOf(id)!)).toBe(codeToHex(c));
  return model;
}

function checkAll(index: PdqIndex, model: Map<number, Uint32Array>, seed: number): void {
  expect(index.size).toBe(model.size);
  for (const [id, c] of model) expect(codeToHex(index.codeOf(id)!)).toBe(codeToHex(c));
  const rng = new Prng(seed);
  const pool = [...model.values()];
  const codes = new Uint32Array(pool.length * 8);
  pool.forEach((c, i) => codes.set(c, i * 8));
  for (let k = 0; k < 40; k++) {
    const q = makeQuery(rng, codes, pool.length, 40);
    for (const r of RADII) expect(answers(index, q, r)).toEqual(oracle(model, q, 0, r));
  }
}

describe('PdqIndex merges on another thread', () => {
  const merger = new BackgroundMerger();
  afterAll(() => merger.close());

  it('answers exactly while merges run on the worker and land between changes', async () => {
    const index = new PdqIndex({ bufferSize: 16, merger, backgroundFrom: 48 });
    let sawMerging = 0;
    const model = await workload(index, 11, 6000, async (step) => {
      if (index.merging) sawMerging++;
      if (step % 7 === 0) await new Promise((r) => setImmediate(r));
      // Now and then wait for the merge out to land (the worker's first start alone can outlast the whole run).
      if (step % 400 === 0) await index.settled();
    });
    await index.settled();
    expect(merger.merges).toBeGreaterThan(3);
    expect(sawMerging).toBeGreaterThan(100);
    expect(index.mergeFailures).toBe(0);
    checkAll(index, model, 12);
    // What landed is one or a few segments, as the inline policy would leave.
    expect(index.stats().segments.length).toBeLessThan(12);
  });

  it('a batch on the match thread sees a landed segment', async () => {
    const index = new PdqIndex({ bufferSize: 64, merger, backgroundFrom: 100 });
    const model = await workload(index, 21, 1500, async (step) => {
      if (step % 5 === 0) await new Promise((r) => setImmediate(r));
    });
    await index.settled();
    const matcher = new ParallelMatcher(index, { threads: 1 });
    try {
      const queries = [...model.values()].slice(0, 50);
      const got = await matcher.queryBatch(queries, { radius: 31 });
      const local = index.queryBatch(queries, { radius: 31 });
      expect(Array.from(got.ids)).toEqual(Array.from(local.ids));
      expect(Array.from(got.offsets)).toEqual(Array.from(local.offsets));
      expect(local.ids.length).toBeGreaterThanOrEqual(50);
    } finally {
      await matcher.close();
    }
  });
});

describe('PdqIndex when its merger closes', () => {
  it('a merge out at close is dropped, the segments stay, and later merges run on the index thread', async () => {
    const own = new BackgroundMerger();
    const index = new PdqIndex({ bufferSize: 32, merger: own, backgroundFrom: 100 });
    let closed = false;
    const model = await workload(index, 61, 3000, async () => {
      if (!closed && index.merging) {
        closed = true;
        await own.close();
      }
    });
    await index.settled();
    expect(closed).toBe(true);
    expect(index.merging).toBe(false);
    expect(index.mergeFailures).toBe(0);
    expect(own.merges).toBe(0);
    checkAll(index, model, 62);
    // Merges still happen (on this thread): the segments do not pile up.
    expect(index.stats().segments.length).toBeLessThan(12);
  });
});

describe('PdqIndex: the changes made while a merge is out are replayed when it lands', () => {
  it('removals, moves, duplicates and revived codes made during a held merge', async () => {
    const held = new HeldMerger();
    const index = new PdqIndex({ bufferSize: 16, merger: held, backgroundFrom: 40 });
    // Many merges start and are held; changes pile up against their inputs; release at random points.
    const rng = new Prng(5);
    const model = await workload(index, 31, 4000, async () => {
      if (held.waiting > 0 && rng.int(40) === 0) held.release();
    });
    expect(held.calls).toBeGreaterThan(3);
    await held.drain(index);
    checkAll(index, model, 32);
    expect(index.size).toBe(model.size);
  });

  it('a failed merge is done on the index thread instead and counted', async () => {
    const held = new HeldMerger(true);
    const index = new PdqIndex({ bufferSize: 16, merger: held, backgroundFrom: 40 });
    const rng = new Prng(6);
    const model = await workload(index, 41, 1500, async () => {
      if (rng.int(30) === 0) held.release();
    });
    await held.drain(index);
    expect(index.mergeFailures).toBeGreaterThan(0);
    expect(index.mergeError?.message).toContain('merge worker gone');
    checkAll(index, model, 42);
  });

  it('a merged segment that does not hold what its inputs held is refused and the merge done here', async () => {
    // A faulty merger: drops the first input's slots.
    const faulty: SegmentMerger = { merge: (segs, opts) => Promise.resolve(mergeSegments(segs.slice(1), opts)) };
    const index = new PdqIndex({ bufferSize: 16, merger: faulty, backgroundFrom: 40 });
    const model = await workload(index, 71, 1500, () => new Promise((r) => setImmediate(r)));
    await index.settled();
    expect(index.mergeFailures).toBeGreaterThan(0);
    expect(index.mergeError?.message).toContain('does not hold');
    checkAll(index, model, 72);
  });

  it('compact() drops a merge in flight; its late result is ignored', async () => {
    const held = new HeldMerger();
    const index = new PdqIndex({ bufferSize: 16, merger: held, backgroundFrom: 40 });
    const model = await workload(index, 51, 600, async () => undefined);
    expect(index.merging).toBe(true);
    index.compact();
    expect(index.merging).toBe(false);
    const segsAfter = index.stats().segments.filter((s) => s.slots > 0).length;
    held.release();
    await new Promise((r) => setImmediate(r));
    expect(index.stats().segments.filter((s) => s.slots > 0).length).toBe(segsAfter);
    checkAll(index, model, 52);
  });
});
