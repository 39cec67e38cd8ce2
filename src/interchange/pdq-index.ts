// In-memory PDQ near-lookup by multi-index hashing: the 256-bit hash is cut into 16 chunks of 16 bits,
// one table per chunk position. If two hashes are within distance t, at least one chunk is within
// floor(t/16) of the query's chunk (pigeonhole), so probing each table with every value within that
// radius yields a complete candidate set (17 probes per table up to t = 31, HMA's PDQ threshold);
// exact distances are computed on the candidates only.
import { pdqToWords, pdqWordsDistance } from '../hashing/hex.js';

const CHUNKS = 16;
/** 16-bit masks with popcount <= r, by r (0..3). */
const MASKS: number[][] = [0, 1, 2, 3].map((r) => {
  const out: number[] = [];
  for (let m = 0; m < 1 << 16; m++) {
    let c = 0;
    for (let x = m; x; x &= x - 1) c++;
    if (c <= r) out.push(m);
  }
  return out;
});
export const PDQ_INDEX_MAX_DISTANCE = 63;

export interface PdqHit {
  id: number;
  distance: number;
}

export class PdqMultiIndex {
  private words = new Uint32Array(8 * 1024);
  private ids = new Int32Array(1024);
  private live = new Uint8Array(1024);
  private size = 0;
  private readonly tables: Array<Map<number, number[]>> = Array.from({ length: CHUNKS }, () => new Map());
  private readonly slotOf = new Map<number, number[]>();
  private stamp = new Uint32Array(1024);
  private epoch = 0;

  get count(): number {
    return this.slotOf.size;
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const w = new Uint32Array(cap * 8);
    w.set(this.words);
    this.words = w;
    const ids = new Int32Array(cap);
    ids.set(this.ids);
    this.ids = ids;
    const live = new Uint8Array(cap);
    live.set(this.live);
    this.live = live;
    const stamp = new Uint32Array(cap);
    stamp.set(this.stamp);
    this.stamp = stamp;
  }

  private static chunk(words: Uint32Array, offset: number, k: number): number {
    const w = words[offset + (k >> 1)]!;
    return k & 1 ? w >>> 16 : w & 0xffff;
  }

  /** Adds a hash under `id` (several hashes may share an id). */
  add(id: number, hex: string): void {
    if (this.size === this.ids.length) this.grow();
    const slot = this.size++;
    this.words.set(pdqToWords(hex), slot * 8);
    this.ids[slot] = id;
    this.live[slot] = 1;
    for (let k = 0; k < CHUNKS; k++) {
      const key = PdqMultiIndex.chunk(this.words, slot * 8, k);
      const bucket = this.tables[k]!.get(key);
      if (bucket) bucket.push(slot);
      else this.tables[k]!.set(key, [slot]);
    }
    const slots = this.slotOf.get(id);
    if (slots) slots.push(slot);
    else this.slotOf.set(id, [slot]);
  }

  /** Hides an id's hashes from searches (the slots are reclaimed at the next rebuild). */
  remove(id: number): void {
    for (const s of this.slotOf.get(id) ?? []) this.live[s] = 0;
    this.slotOf.delete(id);
  }

  /** Every id with a hash within `maxDistance` of `hex`, nearest first (one hit per id). */
  search(hex: string, maxDistance: number): PdqHit[] {
    const t = Math.max(0, Math.min(PDQ_INDEX_MAX_DISTANCE, Math.floor(maxDistance)));
    const q = pdqToWords(hex);
    const masks = MASKS[t >> 4]!;
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    const best = new Map<number, number>();
    const cand = new Uint32Array(8);
    for (let k = 0; k < CHUNKS; k++) {
      const table = this.tables[k]!;
      const base = PdqMultiIndex.chunk(q, 0, k);
      for (const m of masks) {
        const bucket = table.get(base ^ m);
        if (!bucket) continue;
        for (const slot of bucket) {
          if (this.stamp[slot] === this.epoch || !this.live[slot]) continue;
          this.stamp[slot] = this.epoch;
          for (let i = 0; i < 8; i++) cand[i] = this.words[slot * 8 + i]!;
          const d = pdqWordsDistance(q, cand);
          if (d > t) continue;
          const id = this.ids[slot]!;
          const prev = best.get(id);
          if (prev === undefined || d < prev) best.set(id, d);
        }
      }
    }
    return [...best].map(([id, distance]) => ({ id, distance })).sort((a, b) => a.distance - b.distance || a.id - b.id);
  }
}
