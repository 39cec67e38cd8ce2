// Index of robust signatures and the scoring that turns region hits into explainable matches.
//
// Every stored region is one 256-bit code in an exact range index (CodeIndex). A query probes
// each of its regions in each of the 8 dihedral variants. Hits are grouped per media, per variant
// and per level offset (stored level - query level): a true crop or padding makes several levels
// agree on ONE offset, an accidental collision rarely does. Stages:
//   pdq-trimmed  whole image against whole image where either side is the border-trimmed content:
//                the PDQ of the trimmed content matches within the PDQ threshold (one hit is enough,
//                as for PDQ itself).
//   region       at least minVotes levels agree on the same offset, variant and pair of bases
//                (full/trim), each within the region threshold.

import { pdqToWords } from '../hashing/index.js';
import { PdqIndex } from '../matching/pdq-index.js';
import type { CodeHit, CodeIndex } from './code-index.js';
import type { Rect } from './border.js';
import type { QueryBase, RegionBase, RobustQuery, RobustSignature } from './signature.js';

export type RobustStage = 'pdq-trimmed' | 'region';

export type DihedralVariant = keyof RobustQuery['regions'][number]['dihedral'];

export interface RobustMatch {
  mediaId: string;
  stage: RobustStage;
  rule: MatchRule;
  /** Which dihedral variant of the query matched ('original' = same orientation). */
  variant: DihedralVariant;
  /** Which pyramids agreed: the query's (full image, border-trimmed content or a proposed inset) and the stored
   * image's (full image or border-trimmed content). */
  queryBase: QueryBase;
  storedBase: RegionBase;
  /** Query base 'inset': where the known picture lies in the query (the query's pixel coordinates). */
  queryInset?: Rect;
  /** Stored level - query level (a multiple of 0.5): > 0 the query is a crop of the stored image (about ratio^offset of it), < 0 the stored one is a crop of the query (or the query is padded). */
  offset: number;
  /** Number of pyramid levels that agree within the rule's threshold (1 for pdq-trimmed). */
  votes: number;
  /** Best and mean Hamming distance over the agreeing levels. */
  minDistance: number;
  meanDistance: number;
  /** The agreeing (query level, stored level, distance) triples, for the investigator. */
  pairs: Array<{ queryLevel: number; storedLevel: number; distance: number }>;
}

export interface MatchOptions {
  /** Threshold for the pdq-trimmed stage (PDQ's exchange threshold). */
  pdqThreshold?: number;
  /** Per-region threshold for the region stage. */
  regionThreshold?: number;
  /** Levels that must agree within regionThreshold for a region match. */
  minVotes?: number;
  /** Alternatively: this many levels agreeing within looseThreshold (0 disables). */
  looseVotes?: number;
  looseThreshold?: number;
  /** Alternatively: one region within this distance (a near-identical region; -1 disables). */
  singleThreshold?: number;
}

/** Which rule accepted a match (shown to the investigator with the pairs). */
export type MatchRule = 'pdq-trimmed' | 'votes' | 'many-votes' | 'strong-single';

export const MATCH_DEFAULTS: Required<MatchOptions> = {
  pdqThreshold: 31,
  regionThreshold: 31,
  minVotes: 2,
  looseVotes: 3,
  looseThreshold: 40,
  singleThreshold: 10,
};

/** Largest level offset a match through a proposed inset may have (see judge). */
export const INSET_MAX_OFFSET = 1;

interface Group {
  media: number;
  variant: DihedralVariant;
  queryBase: QueryBase;
  inset: number | undefined;
  storedBase: RegionBase;
  offset: number;
  pairs: Map<number, { storedLevel: number; distance: number }>;
}

const VARIANTS: DihedralVariant[] = ['original', 'flipx', 'flipy', 'rotate180', 'rotate90', 'rotate270', 'flipPlus1', 'flipMinus1'];

/**
 * Region entries by id (handed out in sequence from 1): media number (-1 once removed), base and level, in typed
 * arrays. A Map of objects took ~150 B of heap per region code, ~1 KB per image at ~7 codes (the 100,000-file ingest);
 * these take 9. A media's entries are consecutive ids: its first id and count, by media number.
 */
class EntryTable {
  private media = new Int32Array(1024).fill(-1);
  private base = new Uint8Array(1024);
  private level = new Float32Array(1024);
  private first = new Int32Array(256);
  private count = new Uint16Array(256);
  private held = new Uint8Array(256);
  entries = 0;
  mediaHeld = 0;

  /** Entries ids..ids+levels.length-1 for media m (replacing none: the caller removed its earlier ones). */
  add(m: number, firstId: number, regions: ReadonlyArray<{ base: RegionBase; level: number }>): void {
    const end = firstId + regions.length;
    if (end > this.media.length) {
      const n = Math.max(end, this.media.length * 2);
      this.media = grow(this.media, n, -1);
      this.base = grow(this.base, n, 0);
      this.level = grow(this.level, n, 0);
    }
    regions.forEach((r, k) => {
      this.media[firstId + k] = m;
      this.base[firstId + k] = r.base === 'trim' ? 1 : 0;
      this.level[firstId + k] = r.level;
    });
    if (m >= this.first.length) {
      const n = Math.max(m + 1, this.first.length * 2);
      this.first = grow(this.first, n, 0);
      this.count = grow(this.count, n, 0);
      this.held = grow(this.held, n, 0);
    }
    this.first[m] = firstId;
    this.count[m] = regions.length;
    this.held[m] = 1;
    this.entries += regions.length;
    this.mediaHeld++;
  }

  /** The entry ids of media m (removing them), or null when it holds none. */
  remove(m: number): number[] | null {
    if (m >= this.held.length || !this.held[m]) return null;
    const ids = Array.from({ length: this.count[m]! }, (_, k) => this.first[m]! + k);
    for (const id of ids) this.media[id] = -1;
    this.entries -= ids.length;
    this.count[m] = 0;
    this.held[m] = 0;
    this.mediaHeld--;
    return ids;
  }

  /** The entry's media number, or -1 (removed, or never held). */
  mediaOf(id: number): number {
    return id < this.media.length ? this.media[id]! : -1;
  }
  baseOf(id: number): RegionBase {
    return this.base[id] ? 'trim' : 'full';
  }
  levelOf(id: number): number {
    return this.level[id]!;
  }
}

function grow<T extends Int32Array | Uint8Array | Uint16Array | Float32Array>(a: T, n: number, fill: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  if (fill) b.fill(fill, a.length);
  return b;
}

export class RobustIndex {
  private readonly codes: CodeIndex;
  private readonly entries = new EntryTable();
  private readonly mediaIds: string[] = [];
  private readonly mediaNum = new Map<string, number>();
  private nextEntry = 1;

  /** `codes`: an exact range index over 256-bit codes, by default a PdqIndex of its own (region codes never share the PDQ index). */
  constructor(codes: CodeIndex = new PdqIndex()) {
    this.codes = codes;
  }

  /** Media held. */
  get size(): number {
    return this.entries.mediaHeld;
  }

  /** Region codes held. */
  get codeCount(): number {
    return this.entries.entries;
  }

  /** Adds (or replaces) the signature of a media. */
  add(mediaId: string, sig: RobustSignature): void {
    if (sig.version !== 1) throw new RangeError(`unsupported robust signature version ${String(sig.version)}`);
    this.remove(mediaId);
    let m = this.mediaNum.get(mediaId);
    if (m === undefined) {
      m = this.mediaIds.length;
      this.mediaIds.push(mediaId);
      this.mediaNum.set(mediaId, m);
    }
    const firstId = this.nextEntry;
    for (const r of sig.regions) this.codes.add(this.nextEntry++, pdqToWords(r.hash));
    this.entries.add(m, firstId, sig.regions);
  }

  remove(mediaId: string): boolean {
    const m = this.mediaNum.get(mediaId);
    if (m === undefined) return false;
    const ids = this.entries.remove(m);
    if (!ids) return false;
    for (const id of ids) this.codes.remove(id);
    return true;
  }

  /** Matches of a query, one per media (the strongest), strongest first. `exclude`: a media id to skip (the query itself). */
  query(q: RobustQuery, options: MatchOptions = {}, exclude?: string): RobustMatch[] {
    const radius = queryRadius(options);
    if (!this.codes.queryBatch) {
      const hitsOf = (v: number, r: number) => this.codes.query(pdqToWords(q.regions[r]!.dihedral[VARIANTS[v]!]), radius);
      return this.collect(q, hitsOf, options, exclude);
    }
    return this.matchesFromHits(q, this.codes.queryBatch(regionCodes(q), { radius }), options, exclude);
  }

  /** The stored codes, for a matcher on other threads (ParallelMatcher) when they are a PdqIndex. */
  get codeIndex(): CodeIndex {
    return this.codes;
  }

  /**
   * Matches of a query from its region hits found elsewhere (ParallelMatcher over codeIndex): `hits` holds the rows
   * of regionCodes(q)'s codes within queryRadius(options), as CodeIndex.queryBatch returns them. The index may have
   * changed since: media added later are not among the hits, and the hits of media removed later are skipped.
   */
  matchesFromHits(q: RobustQuery, hits: RegionHits, options: MatchOptions = {}, exclude?: string): RobustMatch[] {
    const R = q.regions.length;
    return this.collect(
      q,
      (v, r) => {
        const out: CodeHit[] = [];
        for (let i = hits.offsets[v * R + r]!; i < hits.offsets[v * R + r + 1]!; i++) out.push({ id: hits.ids[i]!, distance: hits.distances[i]! });
        return out;
      },
      options,
      exclude,
    );
  }

  private collect(q: RobustQuery, hitsOf: (variant: number, region: number) => CodeHit[], options: MatchOptions, exclude?: string): RobustMatch[] {
    const o = { ...MATCH_DEFAULTS, ...options };
    const groups = new Map<string, Group>();
    for (const [v, variant] of VARIANTS.entries()) {
      for (const [r, region] of q.regions.entries()) {
        for (const h of hitsOf(v, r)) {
          const media = this.entries.mediaOf(h.id);
          if (media < 0) continue;
          const level = this.entries.levelOf(h.id),
            base = this.entries.baseOf(h.id);
          const offset = level - region.level;
          const key = `${media}/${variant}/${region.base}${region.inset ?? ''}/${base}/${offset}`;
          let g = groups.get(key);
          if (!g) groups.set(key, (g = { media, variant, queryBase: region.base, inset: region.inset, storedBase: base, offset, pairs: new Map() }));
          const prev = g.pairs.get(region.level);
          if (!prev || h.distance < prev.distance) g.pairs.set(region.level, { storedLevel: level, distance: h.distance });
        }
      }
    }
    const best = new Map<number, RobustMatch>();
    for (const g of groups.values()) {
      const mediaId = this.mediaIds[g.media]!;
      if (mediaId === exclude) continue;
      const match = this.judge(g, mediaId, o, q.insets);
      if (!match) continue;
      const cur = best.get(g.media);
      if (!cur || stronger(match, cur)) best.set(g.media, match);
    }
    return [...best.values()].sort((a, b) => (stronger(a, b) ? -1 : 1));
  }

  private judge(g: Group, mediaId: string, o: Required<MatchOptions>, insets: Rect[] | undefined): RobustMatch | null {
    const all = [...g.pairs.entries()]
      .map(([queryLevel, p]) => ({ queryLevel, storedLevel: p.storedLevel, distance: p.distance }))
      .sort((a, b) => a.queryLevel - b.queryLevel);
    const inset = g.inset === undefined ? undefined : insets?.[g.inset];
    const base = { mediaId, variant: g.variant, queryBase: g.queryBase, storedBase: g.storedBase, offset: g.offset, ...(inset ? { queryInset: inset } : {}) };
    const within = (t: number) => all.filter((p) => p.distance <= t);
    const make = (stage: RobustStage, rule: MatchRule, pairs: RobustMatch['pairs']): RobustMatch => {
      const ds = pairs.map((p) => p.distance);
      return {
        ...base,
        stage,
        rule,
        votes: pairs.length,
        minDistance: Math.min(...ds),
        meanDistance: round1(ds.reduce((x, y) => x + y, 0) / ds.length),
        pairs,
      };
    };
    // A proposed inset is the known picture itself or a little less of it (its sides are placed on the pixels), so
    // its pyramid meets the stored one at offset 0 to 1. A larger stored level below it (offset < 0) would say the
    // known picture is a crop of the proposal: what a plain band or a gradient proposed as an inset meets by chance.
    if (g.queryBase === 'inset' && (g.offset < 0 || g.offset > INSET_MAX_OFFSET)) return null;
    const strict = within(o.regionThreshold);
    if (strict.length >= o.minVotes) return make('region', 'votes', strict);
    const loose = within(o.looseThreshold);
    if (o.looseVotes > 0 && loose.length >= o.looseVotes) return make('region', 'many-votes', loose);
    const whole = g.pairs.get(0);
    // A picture inside a border or pasted into the query: its whole is one PDQ, as for PDQ itself.
    const eitherTrimmed = g.queryBase !== 'full' || g.storedBase === 'trim';
    if (g.offset === 0 && eitherTrimmed && whole && whole.distance <= o.pdqThreshold) {
      return make('pdq-trimmed', 'pdq-trimmed', [{ queryLevel: 0, storedLevel: 0, distance: whole.distance }]);
    }
    const single = within(o.singleThreshold);
    if (single.length > 0) return make('region', 'strong-single', single);
    return null;
  }

  /**
   * Closest unrelated evidence per media for calibration: the best group's smallest distance and
   * its level counts within the thresholds, whether or not it would match.
   */
  evidence(q: RobustQuery, radius: number): Array<{ mediaId: string; minDistance: number; votesAt: (t: number) => number }> {
    const perMedia = new Map<number, Array<{ distance: number; key: string }>>();
    for (const variant of VARIANTS) {
      for (const region of q.regions) {
        for (const h of this.codes.query(pdqToWords(region.dihedral[variant]), radius)) {
          const media = this.entries.mediaOf(h.id);
          if (media < 0) continue;
          const key = `${variant}/${region.base}/${this.entries.baseOf(h.id)}/${this.entries.levelOf(h.id) - region.level}/${region.level}`;
          let l = perMedia.get(media);
          if (!l) perMedia.set(media, (l = []));
          l.push({ distance: h.distance, key });
        }
      }
    }
    return [...perMedia.entries()].map(([m, l]) => ({
      mediaId: this.mediaIds[m]!,
      minDistance: Math.min(...l.map((x) => x.distance)),
      votesAt: (t: number) => {
        const byGroup = new Map<string, Set<string>>();
        for (const x of l) {
          if (x.distance > t) continue;
          const parts = x.key.split('/');
          const gk = parts.slice(0, 4).join('/');
          if (!byGroup.has(gk)) byGroup.set(gk, new Set());
          byGroup.get(gk)!.add(parts[4]!);
        }
        return Math.max(0, ...[...byGroup.values()].map((s) => s.size));
      },
    }));
  }
}

/** Rows per code, as CodeIndex.queryBatch (and ParallelMatcher.queryBatch) return them. */
export type RegionHits = { offsets: Uint32Array; ids: Float64Array; distances: Uint16Array };

/** The radius a query searches: the widest of the rules' thresholds. */
export function queryRadius(options: MatchOptions = {}): number {
  const o = { ...MATCH_DEFAULTS, ...options };
  return Math.max(o.pdqThreshold, o.regionThreshold, o.looseVotes > 0 ? o.looseThreshold : 0, o.singleThreshold);
}

/** Every (variant, region) code of a query, 8 words each, variant-major: what the index is asked, in one batch. */
export function regionCodes(q: RobustQuery): Uint32Array {
  const R = q.regions.length;
  const words = new Uint32Array(VARIANTS.length * R * 8);
  VARIANTS.forEach((variant, v) => q.regions.forEach((region, r) => words.set(pdqToWords(region.dihedral[variant]), (v * R + r) * 8)));
  return words;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Orders matches: more agreeing levels first, then smaller mean distance, then the original orientation. */
function stronger(a: RobustMatch, b: RobustMatch): boolean {
  if (a.votes !== b.votes) return a.votes > b.votes;
  if (a.meanDistance !== b.meanDistance) return a.meanDistance < b.meanDistance;
  return a.variant === 'original' && b.variant !== 'original';
}
