// Same-place benchmark (issue 19): recall of "same place" at rank 1 / in the top 10, false links per 10,000
// queries at the operating threshold, query time (candidates + verification, CPU time of the one thread),
// bytes per image in memory and extraction cost per image — beside PDQ and the crop/border stage on the
// same queries — and a diagnosis per view kind of where recall is lost (bench/places-diagnose.ts).
//
// Set (all from packaged photos, scripts/fetch-photos.ts): places = textured quarters of wallpaper photos;
// per place one indexed picture (a mild view with a 20–30 % subject in front) and one query picture per
// view kind (bench/places-views.ts: perspective, scale 0.5–1 at a random position, rotation 3–10°,
// light/colour, JPEG 40–90, occluder 20–50 %, and all of them at once). Distractors (indexed) and unrelated
// queries (not indexed: every link they get is false) are random crops/views of other packaged photos and
// figures; no source photo is shared between places, distractors and unrelated queries.
// Tune / held-out: places from even / odd source photos, with view parameters from different seeds; the
// unrelated queries are split the same way. The operating threshold was chosen on the tune part only.
//   npm run bench:places -- [--places 100] [--distractors 10000] [--unrelated 1000] [--candidates 40] [--scale 100000] [--vocabulary FILE] [--split N] [--dump FILE] [--guided 0|1]
// Distractor descriptions are cached under data/bench-places/ per feature format (first run: ~40 ms/image).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { fetchPhotos } from '../scripts/fetch-photos.js';
import { pdqDihedralFromRgb, pdqToWords, type PdqDihedralHashes } from '../src/hashing/index.js';
import { PdqIndex } from '../src/matching/pdq-index.js';
import { Prng } from '../src/matching/prng.js';
import {
  FEATURE_FORMAT,
  decodeFeatures,
  encodeFeatures,
  featuresFromPixels,
  storedPart,
  storedAndQueryFeatures,
  type Features,
} from '../src/places/features.js';
import { localResiduals } from '../src/places/verify.js';
import { withGuidedMatches } from '../src/places/guided.js';
import {
  decodeVocabulary,
  isPlaceLink,
  linkInliers as placeLinkInliers,
  PLACE_CANDIDATES,
  PLACE_GUIDED,
  PLACE_MIN_INLIERS,
  PLACE_STOP_FRACTION,
  PLACE_STOP_MINIMUM,
  PlaceIndex,
  verifyPair,
  verifyWithWords,
} from '../src/places/index.js';
import { loadVocabulary } from '../src/places/vocabulary-file.js';
import { RobustIndex } from '../src/robust/matcher.js';
import { robustQueryFromPixels, signatureOf, type RobustQuery, type RobustSignature } from '../src/robust/signature.js';
import { readPlaceSnapshot, writePlaceSnapshot } from '../src/places/snapshot.js';
import { writeWhole } from './cache-file.js';
import { extractorKey } from './extractor-key.js';
import { groupPhotos, shuffled } from './photo-groups.js';
import { diagnose, printDiagnosis, type Diagnosis } from './places-diagnose.js';
import { cropRaw, loadRaw, quarterOf, randomParams, renderViewWithTruth, VIEW_KINDS, type Raw, type View, type ViewKind } from './places-views.js';

const arg = (n: string, d: number) => {
  const i = process.argv.indexOf(`--${n}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const PLACES = arg('places', 100),
  DISTRACTORS = arg('distractors', 10000),
  UNRELATED = arg('unrelated', 1000),
  SCALE = arg('scale', 100000),
  K = arg('candidates', PLACE_CANDIDATES),
  THRESHOLD = arg('threshold', PLACE_MIN_INLIERS),
  DIAG = arg('diagnose', 1) === 1,
  SHARD = arg('shard', -1),
  SHARDS = arg('shards', 1),
  // Descriptor matching in verification: 'cell' (the vocabulary's first-level cell, as at ingest) or 'brute'.
  MATCH = process.argv.includes('--brute') ? 'brute' : 'cell',
  // Guided matches under the homography found (src/places/guided.ts) as the place stage has them (PLACE_GUIDED), or
  // --guided 1 / --guided 0 to measure either way.
  GUIDED = arg('guided', PLACE_GUIDED ? 1 : 0) === 1,
  // Keypoints extracted for a query picture (the indexed side keeps the extractor's default).
  QUERY_KP = arg('query-kp', 0);
const CACHE = path.resolve('data/bench-places');
// Cached features are keyed by the extractor's output (bench/extractor-key.ts): a changed extractor is never measured on stale caches.
const EXTRACTOR = extractorKey();
const VARIANTS = ['original', 'rotate90', 'rotate180', 'rotate270', 'flipx', 'flipy', 'flipPlus1', 'flipMinus1'] as const;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Item {
  id: number;
  place: number;
  kind: ViewKind | 'unrelated';
  tune: boolean;
  feat: Features;
  view?: View;
  pdq: PdqDihedralHashes;
  robust: RobustSignature | null;
  rq?: RobustQuery;
  featMs: number;
  pdqMs: number;
  robustMs: number;
}

// --query-form 0: queries in the stored form only. Either way each query's stored form (the prefix of its query
// form with levels >= 0) is measured beside it in the same run.
const QUERY_FORM = arg('query-form', 1) === 1;
async function describe(jpeg: Buffer, robust: boolean, maxFeatures?: number, query = false) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  let t = cpuMs();
  const opts = maxFeatures ? { maxFeatures } : undefined;
  const feat =
    query && QUERY_FORM
      ? storedAndQueryFeatures(data, info.width, info.height, info.channels, opts).query
      : featuresFromPixels(data, info.width, info.height, info.channels, opts);
  const featMs = cpuMs() - t;
  t = cpuMs();
  const pdq = pdqDihedralFromRgb(data, info.width, info.height, info.channels).hashes;
  const pdqMs = cpuMs() - t;
  t = cpuMs();
  const rq = robust ? robustQueryFromPixels(data, info.width, info.height, info.channels) : undefined;
  const sig = rq ? signatureOf(rq) : null;
  return { feat, pdq, robust: sig, rq, featMs, pdqMs, robustMs: cpuMs() - t };
}

// Sources. Photos (not figures, not skimage samples) in a seeded order: the first ones become places until
// PLACES textured quarters are found; the rest, the figures and the skimage samples are distractor sources
// (three of four) or unrelated-query sources (one of four).
const all = fetchPhotos(undefined, undefined, () => {});
const order = shuffled;
const groups = groupPhotos(all);
const photoGroups = order(
  [...groups.keys()].filter((g) => g !== 'skimage'),
  19,
);
const photoFiles = photoGroups.map((g) => groups.get(g)![0]!);
const places: Array<{ raw: Raw; photo: number }> = [];
let featureless = 0,
  usedPhotos = 0;
for (const f of photoFiles) {
  if (places.length >= PLACES) break;
  usedPhotos++;
  const big = await loadRaw(f, 2048);
  for (let t = 0; t < 4 && places.length < PLACES; t++) {
    const q = quarterOf(big, t);
    // A place needs texture enough to be recognised at all: ≥ 300 features over ≥ 12 of 16 cells (of at most 500,
    // whatever the extractor's own budget: the set stays the same when that changes).
    const ft = featuresFromPixels(q.pixels, q.width, q.height, q.channels, { maxFeatures: 500 });
    const cells = new Set<number>();
    for (let i = 0; i < ft.count; i++) cells.add(Math.floor((ft.xy[2 * i + 1]! / ft.height) * 4) * 4 + Math.floor((ft.xy[2 * i]! / ft.width) * 4));
    if (ft.count >= 300 && cells.size >= 12) places.push({ raw: q, photo: usedPhotos - 1 });
    else featureless++;
  }
}
// Other photo groups: three of four give distractors, one of four unrelated queries; the skimage group
// (doc figures and samples) gives distractors only.
const rest = photoGroups.slice(usedPhotos);
const distractorSrc = [...rest.filter((_, i) => i % 4 !== 3).flatMap((g) => groups.get(g)!), ...(groups.get('skimage') ?? [])],
  unrelatedSrc = rest.filter((_, i) => i % 4 === 3).flatMap((g) => groups.get(g)!);
console.log(
  `bench:places  places=${places.length} (quarters of ${usedPhotos} packaged artworks; ${featureless} quarters too featureless) query kinds=${VIEW_KINDS.join(',')} ` +
    `distractors=${DISTRACTORS} (from ${distractorSrc.length} other sources) unrelated queries=${UNRELATED} (from ${unrelatedSrc.length} more) candidates=${K} threshold=${THRESHOLD} inliers guided=${GUIDED ? 1 : 0}; features ${FEATURE_FORMAT}`,
);

// --vocabulary FILE: another vocabulary (scripts/train-vocabulary.ts --out) measured on the same set.
const VOC_FILE = process.argv.includes('--vocabulary') ? process.argv[process.argv.indexOf('--vocabulary') + 1]! : null;
const voc = VOC_FILE ? decodeVocabulary(fs.readFileSync(VOC_FILE)) : loadVocabulary();
const index = new PlaceIndex(voc);
// --stop F [--stop-min M]: the index's stop list (PlaceIndex.stopFraction / stopMinimum; --stop 1: none).
// --contained N: N more candidates by the share of their own words the query holds (PlaceIndex.candidates).
const CONTAINED = arg('contained', 0);
// --covering N: N more candidates by the share of the query's words they hold (PlaceIndex.candidates).
const COVERING = arg('covering', 0);
const STOP = arg('stop', PLACE_STOP_FRACTION),
  STOP_MIN = arg('stop-min', PLACE_STOP_MINIMUM);
index.stopFraction = STOP;
index.stopMinimum = STOP_MIN;
const feats = new Map<number, Features>();
const wordsOfId = new Map<number, Uint32Array>();
const pdqIndex = new PdqIndex();
const robustIndex = new RobustIndex();
const ingest = { feat: 0, featN: 0, pdq: 0, robust: 0, words: 0, n: 0, kp: 0 };
const indexItem = (it: Item) => {
  const t = cpuMs();
  const w = index.words(it.feat);
  index.add(it.id, w);
  ingest.words += cpuMs() - t;
  wordsOfId.set(it.id, w);
  feats.set(it.id, it.feat);
  pdqIndex.add(it.id, pdqToWords(it.pdq.original));
  if (it.robust) robustIndex.add(String(it.id), it.robust);
  // Cached distractors carry no extraction time: only freshly extracted images count for it.
  if (it.featMs > 0) {
    ingest.feat += it.featMs;
    ingest.featN++;
  }
  ingest.pdq += it.pdqMs;
  ingest.robust += it.robustMs;
  ingest.kp += it.feat.count;
  ingest.n++;
};

// Places: the indexed picture (id = place + 1) and one query per kind; tune and held-out from separate seeds.
const queries: Item[] = [];
const indexedViews = new Map<number, View>();
let t0 = performance.now();
// --split N (N > 0): a fresh split — other view parameters for the places and other unrelated queries (other
// crops, views and sources picked from the same unrelated list), the distractors unchanged (their features stay
// cached). A rule chosen on split 0 is checked on it.
const SPLIT = arg('split', 0);
const rngs = [new Prng(19 + 7919 * SPLIT), new Prng(2019 + 7919 * SPLIT)];
for (let p = 0; p < (SHARD >= 0 ? 0 : places.length); p++) {
  const { raw, photo } = places[p]!;
  const tune = photo % 2 === 0,
    rng = rngs[tune ? 0 : 1]!;
  for (const kind of ['indexed', ...VIEW_KINDS] as const) {
    const view = await renderViewWithTruth(raw, randomParams(rng, kind === 'indexed' ? { mild: true } : { kind }), rng, null);
    const d = await describe(view.jpeg, true, kind === 'indexed' ? undefined : QUERY_KP || undefined, kind !== 'indexed');
    const it: Item = { id: kind === 'indexed' ? p + 1 : -(p * 100 + queries.length), place: p, kind: kind === 'indexed' ? 'combined' : kind, tune, view, ...d };
    if (kind === 'indexed') {
      indexItem(it);
      indexedViews.set(p + 1, view);
    } else queries.push(it);
  }
}
console.log(`places built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Distractors (indexed, id 1,000,000 + i) and unrelated queries: a random crop (25–100 % of the side) of a
// source, then a random combined view of it. Cached per feature format.
fs.mkdirSync(CACHE, { recursive: true });
t0 = performance.now();
const drng = new Prng(1919);
const urng = SPLIT > 0 ? new Prng(1919 + 7919 * SPLIT) : drng;
const rawCache = new Map<string, Raw>();
const cropOf = (r: Raw, rng: Prng): Raw => {
  const s = 0.25 + 0.75 * rng.float(),
    w = Math.max(64, Math.floor(r.width * s)),
    h = Math.max(64, Math.floor(r.height * (s * (0.8 + 0.4 * rng.float())))),
    cw = Math.min(w, r.width),
    ch = Math.min(h, r.height);
  const x0 = rng.int(r.width - cw + 1),
    y0 = rng.int(r.height - ch + 1);
  return cropRaw(r, x0, y0, cw, ch);
};
for (let i = 0; i < DISTRACTORS + UNRELATED; i++) {
  const indexed = i < DISTRACTORS;
  const srcList = indexed ? distractorSrc : unrelatedSrc;
  const pick = indexed ? drng : urng;
  const srcIdx = pick.int(srcList.length),
    seed = pick.u32();
  // --shard k --shards n: only fill the cache with every n-th entry (run n of them side by side), then stop.
  if (SHARD >= 0 && i % SHARDS !== SHARD) continue;
  // The source's path is part of the name: when the places change, so do the distractor and unrelated source
  // lists, and an entry cached under the same index and seed would be a picture of another source (of a place).
  const srcTag = createHash('sha256').update(srcList[srcIdx]!).digest('hex').slice(0, 8);
  const file = path.join(CACHE, `${indexed ? 'd' : 'u'}${i}-${srcIdx}-${seed}-${srcTag}.json`);
  const queryKp = indexed ? 0 : QUERY_KP;
  const form = !indexed && QUERY_FORM ? '-query' : '';
  const featFile = file.replace(/\.json$/, `.${FEATURE_FORMAT}-${EXTRACTOR}${queryKp ? `-kp${queryKp}` : ''}${form}.bin`);
  let meta: { pdq: PdqDihedralHashes; robust: RobustSignature | null; pdqMs: number; robustMs: number } | null = fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8'))
    : null;
  let feat: Features | null = fs.existsSync(featFile) ? decodeFeatures(fs.readFileSync(featFile)) : null;
  let featMs = 0;
  if (!meta || !feat) {
    const src = srcList[srcIdx]!;
    let raw = rawCache.get(src);
    if (!raw) rawCache.set(src, (raw = await loadRaw(src, 1600)));
    const rng = new Prng(seed);
    const view = await renderViewWithTruth(cropOf(raw, rng), randomParams(rng), rng, null);
    const d = await describe(view.jpeg, !meta, queryKp || undefined, !indexed);
    feat = d.feat;
    featMs = d.featMs;
    meta ??= { pdq: d.pdq, robust: d.robust, pdqMs: d.pdqMs, robustMs: d.robustMs };
    writeWhole(file, JSON.stringify(meta));
    writeWhole(featFile, encodeFeatures(feat));
  }
  const it: Item = { id: 1_000_000 + i, place: -1, kind: 'unrelated', tune: srcIdx % 2 === 0, feat, featMs, ...meta };
  if (indexed) indexItem(it);
  else queries.push(it);
  if (i % 1000 === 999) console.log(`  distractors/unrelated ${i + 1} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

if (SHARD >= 0) {
  console.log(`shard ${SHARD}/${SHARDS} cached`);
  process.exit(0);
}

// Queries: candidates (top K) then verification of each; the correct place's inliers and every wrong one's.
// A place's sibling quarters (cut from the same artwork) are other parts of the same scene, as two walls of one
// room are: a link to one is neither the right answer (recall@1 still wants the own quarter first) nor a false
// link between unrelated scenes, and is counted apart.
const isSibling = (q: Item, id: number) => q.place >= 0 && id <= places.length && id !== q.place + 1 && places[id - 1]!.photo === places[q.place]!.photo;
/** A query's verified candidates sorted out: the own place's inliers, the siblings', the wrong ones'. */
interface Tally {
  correct: number;
  wrong: number[];
  sibling: number[];
}
const tallyOf = (q: Item, found: Array<{ id: number; inliers: number }>): Tally => {
  const t: Tally = { correct: 0, wrong: [], sibling: [] };
  for (const { id, inliers } of found) {
    if (id === q.place + 1) t.correct = inliers;
    else if (isSibling(q, id)) t.sibling.push(inliers);
    else t.wrong.push(inliers);
  }
  return t;
};
interface Outcome extends Tally {
  q: Item;
  rank: number;
  pdqHit: boolean;
  pdqFalse: number;
  robustHit: boolean;
  robustFalse: number;
  candMs: number;
  verifyMs: number;
  diag: Diagnosis | null;
}
const outcomes: Outcome[] = [];
const DUMP = process.argv.includes('--dump') ? process.argv[process.argv.indexOf('--dump') + 1]! : null;
const dump: object[] = [];
// The count a candidate is ranked and linked by at the operating threshold (guided pairs count above it, or from
// THRESHOLD + PLACE_GUIDED_MARGIN: linkInliers); the sweep over other thresholds reads these counts.
const linkInliers = (v: ReturnType<typeof verifyWithWords>) => (isPlaceLink(v, 0) ? placeLinkInliers(v, THRESHOLD) : 0);
for (const q of queries) {
  let t = cpuMs();
  const words = index.words(q.feat);
  const cands = index.candidates(words, K, undefined, CONTAINED, COVERING);
  const candMs = cpuMs() - t;
  t = cpuMs();
  const found: Array<{ id: number; inliers: number }> = [];
  for (const c of cands) {
    const cf = feats.get(c.id)!;
    const v0 = MATCH === 'brute' ? verifyPair(q.feat, cf) : verifyWithWords(q.feat, words, cf, voc, wordsOfId.get(c.id));
    const v = GUIDED ? withGuidedMatches(q.feat, cf, v0) : v0;
    const inl = linkInliers(v);
    // Per inlier: scale (pyramid steps) and angle (degrees) residuals against the homography's local map.
    const res = DUMP && v.inliers >= 6 ? localResiduals(q.feat, cf, v) : null;
    if (DUMP)
      dump.push({
        q: q.id,
        place: q.place,
        // Places cut from the same artwork (its quarters) share its printed pattern: the dump says so per pair.
        sibling: isSibling(q, c.id),
        tune: q.tune,
        kind: q.kind,
        right: c.id === q.place + 1,
        inliers: v.inliers,
        // Before guided matching (the same as inliers without it), and whether that alone was a link.
        baseInliers: (v.base ?? v).inliers,
        baseLink: isPlaceLink(v.base ?? v, 0),
        link: isPlaceLink(v, 0),
        matches: v.matches,
        coverage: v.coverage,
        distance: v.inlierDistance,
        spread: v.spread,
        projective: v.projective,
        qkp: q.feat.count,
        ckp: cf.count,
        score: c.score,
        c: c.id,
        ...(res ? { rs: [...res.scale].map((x) => Math.round(x * 100) / 100), ra: [...res.angle].map((x) => Math.round((x * 180) / Math.PI)) } : {}),
      });
    found.push({ id: c.id, inliers: inl });
  }
  const { correct, wrong, sibling } = tallyOf(q, found);
  const verifyMs = cpuMs() - t;
  const own = q.place + 1;
  const rank = q.place >= 0 ? index.candidates(words, 200).findIndex((c) => c.id === own) : -1;
  const pdqIds = new Set<number>();
  for (const v of VARIANTS) for (const h of pdqIndex.query(pdqToWords(q.pdq[v]), 31)) pdqIds.add(h.id);
  const rIds = new Set(robustIndex.query(q.rq ?? robustQueryOf(q)).map((m) => Number(m.mediaId)));
  const diag = DIAG && q.place >= 0 ? diagnose(q.feat, q.view!, feats.get(own)!, indexedViews.get(own)!, words, voc) : null;
  outcomes.push({
    q,
    rank,
    correct,
    wrong,
    sibling,
    pdqHit: q.place >= 0 && pdqIds.has(own),
    pdqFalse: [...pdqIds].filter((i) => i !== own).length,
    robustHit: q.place >= 0 && rIds.has(own),
    robustFalse: [...rIds].filter((i) => i !== own).length,
    candMs,
    verifyMs,
    diag,
  });
}
if (DUMP) fs.writeFileSync(DUMP, JSON.stringify(dump));
function robustQueryOf(q: Item): RobustQuery {
  // Unrelated queries come from the cache without their query form: their stored regions stand in as the
  // identity variant (a false match can only get rarer with fewer variants; noted in the README).
  const regions = (q.robust?.regions ?? []).map((r) => ({
    ...r,
    dihedral: Object.fromEntries(VARIANTS.map((v) => [v, r.hash])) as unknown as PdqDihedralHashes,
  }));
  return { version: 1 as const, ratio: q.robust?.ratio ?? 0.9, trim: q.robust?.trim ?? null, regions };
}

// The same queries in their stored form (no finer levels): what the place stage found before the query form.
const storedForm = new Map<Item, Tally>();
let storedVerifyMs = 0;
if (QUERY_FORM)
  for (const q of queries) {
    const f = storedPart(q.feat);
    const words = index.words(f);
    const t = cpuMs();
    const found = index
      .candidates(words, K, undefined, CONTAINED, COVERING)
      .map((c) => ({ id: c.id, inliers: linkInliers(verifyWithWords(f, words, feats.get(c.id)!, voc, wordsOfId.get(c.id))) }));
    storedVerifyMs += cpuMs() - t;
    storedForm.set(q, tallyOf(q, found));
  }

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-') + ' %';
const top1At = (o: Tally, T: number) => o.correct >= T && o.wrong.every((w) => w < o.correct) && o.sibling.every((w) => w < o.correct);
function report(name: string, os: Outcome[], T: number) {
  const pq = os.filter((o) => o.q.place >= 0);
  const top1 = pq.filter((o) => top1At(o, T)).length;
  const falseLinks = os.reduce((a, o) => a + o.wrong.filter((w) => w >= T).length, 0);
  const siblingLinks = os.reduce((a, o) => a + o.sibling.filter((w) => w >= T).length, 0);
  console.log(
    `${name.padEnd(12)} queries=${String(os.length).padStart(5)} (place ${String(pq.length).padStart(4)})  recall@1 ${pct(top1, pq.length).padStart(7)}  recall@10 ${pct(
      pq.filter((o) => o.rank >= 0 && o.rank < 10).length,
      pq.length,
    ).padStart(
      7,
    )}  false links ${falseLinks} (${((falseLinks * 10000) / Math.max(1, os.length)).toFixed(1)} / 10,000), sibling quarters ${siblingLinks}  |  PDQ ${pct(
      pq.filter((o) => o.pdqHit).length,
      pq.length,
    )} (${os.reduce((a, o) => a + o.pdqFalse, 0)} false)  crop/border ${pct(pq.filter((o) => o.robustHit).length, pq.length)} (${os.reduce((a, o) => a + o.robustFalse, 0)} false)`,
  );
  return { top1: top1 / Math.max(1, pq.length), falseLinks, queries: os.length };
}
const tuneO = outcomes.filter((o) => o.q.tune),
  heldO = outcomes.filter((o) => !o.q.tune);
console.log('\nthreshold sweep (tune part only)');
for (const T of [8, 10, 12, 14, 16, 18, 20, 24]) {
  const pq = tuneO.filter((o) => o.q.place >= 0);
  console.log(
    `  T=${T}: recall@1 ${pct(pq.filter((o) => top1At(o, T)).length, pq.length)}  false links ${tuneO.reduce((a, o) => a + o.wrong.filter((w) => w >= T).length, 0)}`,
  );
}
console.log(
  `  max wrong inliers: tune ${Math.max(0, ...tuneO.flatMap((o) => o.wrong))}, held-out ${Math.max(0, ...heldO.flatMap((o) => o.wrong))}; ` +
    `a sibling quarter's (same artwork): tune ${Math.max(0, ...tuneO.flatMap((o) => o.sibling))}, held-out ${Math.max(0, ...heldO.flatMap((o) => o.sibling))}`,
);
console.log(`\nat the operating threshold (${THRESHOLD} inliers, ${K} candidates verified):`);
const tuneR = report('tune', tuneO, THRESHOLD);
const heldR = report('held-out', heldO, THRESHOLD);
report('all', outcomes, THRESHOLD);
console.log('per kind (tune + held-out):');
for (const kind of VIEW_KINDS) {
  const os = outcomes.filter((o) => o.q.kind === kind);
  report(`  ${kind}`, os, THRESHOLD);
}
if (QUERY_FORM) {
  const line = (name: string, os: Outcome[]) => {
    const pq = os.filter((o) => o.q.place >= 0);
    const r = pq.filter((o) => top1At(storedForm.get(o.q)!, THRESHOLD)).length;
    const fl = os.reduce((a, o) => a + storedForm.get(o.q)!.wrong.filter((w) => w >= THRESHOLD).length, 0);
    console.log(`${name.padEnd(12)} recall@1 ${pct(r, pq.length).padStart(7)}  false links ${fl}`);
  };
  console.log(`the same queries in the stored form (same run; verification ${(storedVerifyMs / queries.length).toFixed(2)} ms per query):`);
  line('tune', tuneO);
  line('held-out', heldO);
  for (const kind of VIEW_KINDS)
    line(
      `  ${kind}`,
      outcomes.filter((o) => o.q.kind === kind),
    );
  console.log(
    `  max wrong inliers in the stored form: tune ${Math.max(0, ...tuneO.flatMap((o) => storedForm.get(o.q)!.wrong))}, held-out ${Math.max(0, ...heldO.flatMap((o) => storedForm.get(o.q)!.wrong))}`,
  );
}
if (DIAG)
  printDiagnosis(
    outcomes.filter((o) => o.diag),
    THRESHOLD,
  );

const avg = (os: Outcome[], f: (o: Outcome) => number) => os.reduce((a, o) => a + f(o), 0) / Math.max(1, os.length);
console.log(
  `\nquery time (CPU of one thread): candidates ${avg(outcomes, (o) => o.candMs).toFixed(2)} ms + verification of ${K} ${avg(outcomes, (o) => o.verifyMs).toFixed(2)} ms (index of ${index.size} images)`,
);
console.log(
  `memory: ${(index.memoryBytes() / index.size).toFixed(0)} B per image in the index; stored features ${([...feats.values()].reduce((a, f) => a + encodeFeatures(f).length, 0) / feats.size).toFixed(0)} B per image (database, not memory)`,
);
console.log(
  `ingest per image (CPU): features ${(ingest.feat / Math.max(1, ingest.featN)).toFixed(1)} ms over ${ingest.featN} fresh extractions (${(ingest.kp / ingest.n).toFixed(0)} keypoints) + words ${(ingest.words / ingest.n).toFixed(1)} ms; same-run baselines PDQ+dihedral ${(ingest.pdq / ingest.n).toFixed(1)} ms, crop/border signature ${(ingest.robust / ingest.n).toFixed(1)} ms (cached distractors count with their first run's figures)`,
);

// Scale: the index grown to SCALE images by re-adding the distractors' word lists under new ids (the real
// word distribution); candidates + verification of the place queries against it.
if (SCALE > index.size) {
  const big = new PlaceIndex(voc);
  big.stopFraction = STOP;
  big.stopMinimum = STOP_MIN;
  const dWords = [...wordsOfId.entries()];
  const tBuild = performance.now();
  for (const [id, w] of dWords) big.add(id, w);
  for (let n = 0; big.size < SCALE; n++) {
    const [, w] = dWords[n % dWords.length]!;
    big.add(10_000_000 + n, w);
  }
  // A process's start at this size: the snapshot (<dataDir>/index/places.plx) read against the adds of a rebuild
  // (which also reads every row's words from the database, not counted here).
  const buildMs = performance.now() - tBuild;
  // One file per process: runs of other splits side by side would replace each other's (and remove its temp file).
  const snapFile = path.join(CACHE, `scale-snapshot-${process.pid}.plx`);
  let tIo = performance.now();
  writePlaceSnapshot(snapFile, big, { maxId: 0, count: big.size, vocabulary: 0 });
  const writeMs = performance.now() - tIo;
  tIo = performance.now();
  const snap = readPlaceSnapshot(snapFile, voc);
  const readMs = performance.now() - tIo;
  if ('error' in snap) throw new Error(snap.error);
  console.log(
    `start at ${big.size} indexed images: adds of a rebuild ${(buildMs / 1000).toFixed(1)} s; snapshot ${(fs.statSync(snapFile).size / 1048576).toFixed(0)} MB, written in ${(writeMs / 1000).toFixed(1)} s, read in ${(readMs / 1000).toFixed(1)} s`,
  );
  fs.rmSync(snapFile);
  const orig = (id: number) => (id >= 10_000_000 ? dWords[(id - 10_000_000) % dWords.length]![0] : id);
  const qs = queries.filter((q) => q.place >= 0).slice(0, 200);
  let cand = 0,
    ver = 0,
    hit = 0;
  for (const q of qs) {
    let t = cpuMs();
    const words = big.words(q.feat);
    const cands = big.candidates(words, K, undefined, CONTAINED, COVERING);
    cand += cpuMs() - t;
    t = cpuMs();
    let best = { id: -1, inl: 0 };
    for (const c of cands) {
      const inl = linkInliers(verifyWithWords(q.feat, words, feats.get(orig(c.id))!, voc, wordsOfId.get(orig(c.id))));
      if (inl > best.inl) best = { id: c.id, inl };
    }
    ver += cpuMs() - t;
    if (best.id === q.place + 1 && best.inl >= THRESHOLD) hit++;
  }
  console.log(
    `at ${big.size} indexed images (CPU of one thread; stop list ${STOP < 1 ? `${STOP} of the index, lists over ${STOP_MIN}` : 'none'}: ${(big.visited / qs.length).toFixed(0)} postings visited, ${(big.stopped / qs.length).toFixed(1)} words skipped per query): candidates ${(cand / qs.length).toFixed(1)} ms + verification ${(ver / qs.length).toFixed(1)} ms per query, recall@1 ${pct(hit, qs.length)}, ${(big.memoryBytes() / big.size).toFixed(0)} B per image`,
  );
}
console.log(
  `bench:places places=${places.length} queries=${outcomes.length} threshold=${THRESHOLD} guided=${GUIDED ? 1 : 0} top1_tune=${tuneR.top1.toFixed(3)} top1_heldout=${heldR.top1.toFixed(3)} false_links_tune=${tuneR.falseLinks} false_links_heldout=${heldR.falseLinks} indexed=${index.size} bytes_per_image=${(index.memoryBytes() / index.size).toFixed(0)}`,
);
