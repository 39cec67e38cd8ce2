/**
 * Exact PDQ Hamming range search (pure TypeScript, no I/O).
 *
 *   codeFromHex(hex): Uint32Array(8)          codeToHex(code): string     hamming(a, b): number
 *   new PdqIndex(opts?)                       PdqIndex.build(ids, codes | hex[], opts?)
 *     .add(id, code | hex)   upsert; identical codes share one slot, ids are positive safe integers
 *     .remove(id): boolean   .has(id)   .codeOf(id)   .size (ids)   .codeCount (distinct codes)
 *     .query(code | hex, radius = 31): { id, distance }[]            nearest first, then by id
 *     .queryDihedral(8 codes | Uint32Array(64), radius = 31): { id, distance, variant }[]
 *     .queryBatch(codes | hex[] | packed words, { radius, dihedral, chunk }): BatchResult   on this thread,
 *                            in blocks (block.ts); several times one query at a time on a large index
 *     .compact()   .memoryBytes()   .stats()   .settled()   .merging
 *   new PdqIndex({ merger: new BackgroundMerger() })   merges of >= backgroundFrom codes built on a worker thread
 *     .serialize(meta?): Uint8Array   .serializeTo(write, meta?)
 *     PdqIndex.deserialize(bytes | SnapshotReader)   PdqIndex.deserializeWithMeta(...)  (throw SnapshotError)
 *   bruteForce(codes, query, radius = 31): { index, distance }[]     reference scan over packed codes (JS)
 *   scanCodes(codes, query, radius = 31)   the same through WebAssembly when codes come from codeArray(words)
 *   new ParallelMatcher(index, { threads? })  .queryBatch(queries, { radius, dihedral, chunk }) -> BatchResult
 *     batchMatches(result, q)   .close()
 *
 * Radius: integer 0..256 (PDQ practice: 31; up to 63 is cheap enough to probe).
 * Internals: multi-index hashing with a layout chosen from the segment size (layout.ts),
 * a pigeonring filter on inline bits of the next substring (layout.ts), staged probing
 * (search.ts), a block kernel for batches (block.ts), log-structured segments for add/remove
 * (segment.ts, pdq-index.ts).
 */
export { codeFromHex, codeToHex, hamming, hammingHex, isPdqHex, PDQ_MATCH_THRESHOLD, popcount32, toCode, type PdqCode } from './code.js';
export { PdqIndex, type DihedralMatch, type Match, type PdqIndexOptions } from './pdq-index.js';
export { bruteForce, scanCodes, type ScanHit } from './brute.js';
export { codeArray } from './wasm-scan.js';
export { BackgroundMerger, type SegmentMerger } from './background-merge.js';
export { ParallelMatcher, batchMatches, type BatchOptions, type BatchResult } from './parallel.js';
export { SnapshotError, SNAPSHOT_FORMAT_VERSION, type SnapshotReader } from './serialize.js';
export { HitList } from './hits.js';
export { Prng } from './prng.js';
export type { LayoutSpec } from './layout.js';
