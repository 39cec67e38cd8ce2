// Batch query input and output shared by PdqIndex.queryBatch (this thread) and
// ParallelMatcher (worker threads): packing the queries, and grouping raw hits per query.
import { checkRadius, toCode } from './code.js';
import { byDistanceThenId, type DihedralMatch, type Match } from './hits.js';

export interface BatchOptions {
  radius?: number;
  /** Each query is 8 codes (dihedral variants); rows carry the best variant. */
  dihedral?: boolean;
  /** Queries per work unit (default 1,024: blocks, see block.ts). */
  chunk?: number;
}

/** Rows of query q are [offsets[q], offsets[q+1]), sorted by distance then id. */
export interface BatchResult {
  count: number;
  offsets: Uint32Array;
  ids: Float64Array;
  distances: Uint16Array;
  /** Best dihedral variant per row (dihedral batches only). */
  variants: Uint8Array | null;
}

export function batchMatches(r: BatchResult, q: number): (Match | DihedralMatch)[] {
  const out: (Match | DihedralMatch)[] = [];
  for (let i = r.offsets[q]; i < r.offsets[q + 1]; i++) {
    out.push(r.variants ? { id: r.ids[i], distance: r.distances[i], variant: r.variants[i] } : { id: r.ids[i], distance: r.distances[i] });
  }
  return out;
}

/** Queries as packed words (8 per code, 64 per dihedral query), their count and radius. */
export function packQueries(
  queries: Uint32Array | readonly (string | Uint32Array)[],
  opts: BatchOptions,
  shared: boolean,
): { words: Uint32Array; count: number; radius: number; dihedral: boolean } {
  const radius = checkRadius(opts.radius ?? 31),
    dihedral = opts.dihedral ?? false;
  if (opts.chunk !== undefined && !(Number.isInteger(opts.chunk) && opts.chunk >= 1 && opts.chunk <= 65536))
    throw new RangeError('chunk must be an integer 1..65536');
  const stride = dihedral ? 64 : 8;
  const nWords = queries instanceof Uint32Array ? queries.length : queries.length * 8;
  if (nWords % stride !== 0) throw new RangeError(dihedral ? 'dihedral batch needs 8 codes per query' : 'queries must be whole codes');
  const bytes = Math.max(1, nWords) * 4;
  const words = new Uint32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  if (queries instanceof Uint32Array) words.set(queries);
  else queries.forEach((c, i) => words.set(toCode(c), i * 8));
  return { words, count: nWords / stride, radius, dihedral };
}

/**
 * Word offsets and tags of the codes of queries [from, to): one code per query, or its 8
 * dihedral variants tagged query * 8 + variant.
 */
export function blockCodes(from: number, to: number, dihedral: boolean): { offs: Int32Array; tags: Uint32Array; n: number } {
  const per = dihedral ? 8 : 1,
    n = (to - from) * per;
  const offs = new Int32Array(n),
    tags = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const t = from * per + k;
    offs[k] = t * 8;
    tags[k] = t;
  }
  return { offs, tags, n };
}

/** Group raw hits (tag = query, or query * 8 + variant) per query, sorted; dihedral keeps each id's best variant. */
export function assemble(parts: { ids: Float64Array; dist: Uint16Array; tag: Uint32Array }[], count: number, dihedral: boolean): BatchResult {
  // Group raw hits by query (tag = query, or query * 8 + variant), then sort/reduce per query.
  const counts = new Uint32Array(count + 1);
  for (const p of parts) for (let i = 0; i < p.tag.length; i++) counts[(dihedral ? p.tag[i] >>> 3 : p.tag[i]) + 1]++;
  for (let q = 0; q < count; q++) counts[q + 1] += counts[q];
  const total = counts[count],
    pos = counts.slice(0, count);
  const ids = new Float64Array(total),
    dist = new Uint16Array(total),
    vars = new Uint8Array(total);
  for (const p of parts) {
    for (let i = 0; i < p.tag.length; i++) {
      const q = dihedral ? p.tag[i] >>> 3 : p.tag[i],
        k = pos[q]++;
      ids[k] = p.ids[i];
      dist[k] = p.dist[i];
      vars[k] = p.tag[i] & 7;
    }
  }
  const offsets = new Uint32Array(count + 1);
  const outIds: number[] = [],
    outDist: number[] = [],
    outVar: number[] = [];
  for (let q = 0; q < count; q++) {
    offsets[q] = outIds.length;
    const rows: DihedralMatch[] = [];
    for (let k = counts[q]; k < counts[q + 1]; k++) rows.push({ id: ids[k], distance: dist[k], variant: vars[k] });
    let list = rows;
    if (dihedral && rows.length > 1) {
      const best = new Map<number, DihedralMatch>();
      for (const r of rows) {
        const cur = best.get(r.id);
        if (!cur || r.distance < cur.distance || (r.distance === cur.distance && r.variant < cur.variant)) best.set(r.id, r);
      }
      list = [...best.values()];
    }
    list.sort(byDistanceThenId);
    for (const r of list) {
      outIds.push(r.id);
      outDist.push(r.distance);
      outVar.push(r.variant);
    }
  }
  offsets[count] = outIds.length;
  return {
    count,
    offsets,
    ids: Float64Array.from(outIds),
    distances: Uint16Array.from(outDist),
    variants: dihedral ? Uint8Array.from(outVar) : null,
  };
}
