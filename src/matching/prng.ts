// Seeded PRNG (sfc32) so property tests and benchmarks reproduce exactly.

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    for (let i = 0; i < 15; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
  float(): number {
    return this.u32() / 4294967296;
  }
  /** Fill `out` with count random codes starting at word offset off. */
  codes(count: number, out = new Uint32Array(count * 8), off = 0): Uint32Array {
    let a = this.a,
      b = this.b,
      c = this.c,
      d = this.d;
    for (let i = off, e = off + count * 8; i < e; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = t;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return out;
  }
  /** Flip k distinct random bits of the code at out[off..off+8). */
  flip(out: Uint32Array, off: number, k: number): void {
    const used = new Set<number>();
    while (used.size < Math.min(k, 256)) {
      const b = this.int(256);
      if (used.has(b)) continue;
      used.add(b);
      out[off + (b >>> 5)] ^= 1 << (b & 31);
    }
  }
}
