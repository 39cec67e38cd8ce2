// The robust stage keeps its region codes in an exact Hamming range index. It needs only this
// much of one; the project's PdqIndex (src/matching) satisfies it and is the default, and a
// region index at production scale is simply a second PdqIndex (or a shard set of them).

export interface CodeHit {
  id: number;
  distance: number;
}

/** An exact range index over 256-bit codes (8 x 32-bit words, as pdqToWords). Ids are positive integers. */
export interface CodeIndex {
  add(id: number, code: Uint32Array): void;
  remove(id: number): boolean;
  /** Every stored code within `radius` bits, each id once. */
  query(code: Uint32Array, radius: number): CodeHit[];
  readonly size: number;
  /** Many codes (8 words each) in one pass, rows per code nearest first (optional: PdqIndex.queryBatch scans its
   * blocks once for all of them, several times the rate of one query at a time on a large index). */
  queryBatch?(codes: Uint32Array, opts: { radius: number }): { offsets: Uint32Array; ids: Float64Array; distances: Uint16Array };
}
