// Growable struct-of-arrays for raw hits: (id, distance, tag). Tag = dihedral variant or query index.

export class HitList {
  count = 0;
  ids: Float64Array;
  dist: Uint16Array;
  tag: Uint32Array;

  constructor(capacity = 64) {
    this.ids = new Float64Array(capacity);
    this.dist = new Uint16Array(capacity);
    this.tag = new Uint32Array(capacity);
  }

  push(id: number, d: number, tag: number): void {
    if (this.count === this.ids.length) this.grow();
    const i = this.count++;
    this.ids[i] = id;
    this.dist[i] = d;
    this.tag[i] = tag;
  }

  reset(): void {
    this.count = 0;
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const ids = new Float64Array(cap);
    ids.set(this.ids);
    const dist = new Uint16Array(cap);
    dist.set(this.dist);
    const tag = new Uint32Array(cap);
    tag.set(this.tag);
    this.ids = ids;
    this.dist = dist;
    this.tag = tag;
  }
}

export function sharedU32(n: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(n * 4));
}
export function sharedU8(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer((n + 7) & ~7)).subarray(0, n);
}
export function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}

export interface Match {
  id: number;
  distance: number;
}
export interface DihedralMatch extends Match {
  variant: number;
}

export function byDistanceThenId(a: Match, b: Match): number {
  return a.distance - b.distance || a.id - b.id;
}
