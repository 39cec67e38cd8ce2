// `npm run bench:ransac [-- --masters 16 --pairs 20 --rounds 3]` — the place stage's geometric verification on
// pictures that are crops of the same photo (a seizure's near-copies: hundreds of right matches) and on pictures of
// other photos (what most index candidates are), with the adaptive hypothesis search the system uses beside the
// exhaustive one (every hypothesis scored, the best six optimised) in the same run: CPU per pair, and whether the
// two agree on the inliers and on the link.
// The pictures are bench/photo-set.ts's web-size set (file i and i + 129·k are crops of one packaged photo), their
// place features as the hashing worker computes them from a ≤ 1024-px copy.
import sharp from 'sharp';
import { decodeFeatures, type Features } from '../src/places/features.js';
import { isPlaceLink, matchWithWords, PLACE_MIN_INLIERS } from '../src/places/index.js';
import { decodeWords, placeFeatures } from '../src/places/ingest.js';
import { ransacHomography } from '../src/places/verify.js';
import type { Match } from '../src/places/match.js';
import { loadVocabulary } from '../src/places/vocabulary-file.js';
import { photoSet } from './photo-set.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const MASTERS = arg('--masters', 16),
  PAIRS = arg('--pairs', 20),
  ROUNDS = arg('--rounds', 3);
const SOURCES = 129; // photo-set's masters in order: file i comes from master i % sources
const set = await photoSet(SOURCES * (PAIRS + 1), undefined, undefined, [0.3, 1]);
if (set.source !== 'photos' || set.sources !== SOURCES)
  throw new Error(`needs the packaged photo set of ${SOURCES} masters (got ${set.source}, ${set.sources})`);
const voc = loadVocabulary();

async function features(i: number) {
  const { data, info } = await sharp(set.files[i]!).resize(1024, 1024, { fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  return placeFeatures(new Uint8Array(data), info.width, info.height, info.channels);
}
const cpuMs = (fn: () => void) => {
  const c = process.cpuUsage();
  fn();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};

for (const kind of ['crops of the same photo', 'other photos'] as const) {
  const pairs: Array<{ q: Features; c: Features; m: Match[] }> = [];
  for (let k = 0; k < MASTERS; k++) {
    const master = Math.floor((k * SOURCES) / MASTERS);
    const query = await features(master + SOURCES * PAIRS);
    const q = decodeFeatures(query.query),
      qw = decodeWords(query.queryWords);
    for (let j = 0; j < PAIRS; j++) {
      // The same master's other crops, or the crops of the next masters.
      const other = kind === 'other photos' ? (master + 1 + j) % SOURCES : master;
      const stored = await features(other + SOURCES * j);
      const c = decodeFeatures(stored.features);
      pairs.push({ q, c, m: matchWithWords(q, qw, c, voc, decodeWords(stored.words)) });
    }
  }
  let full = 0,
    adaptive = 0;
  for (let r = 0; r < ROUNDS; r++) {
    full += cpuMs(() => pairs.forEach((p) => ransacHomography(p.q, p.c, p.m, { exhaustive: true })));
    adaptive += cpuMs(() => pairs.forEach((p) => ransacHomography(p.q, p.c, p.m)));
  }
  let same = 0,
    maxDiff = 0,
    linksFull = 0,
    linksAdaptive = 0,
    scored = 0,
    scoredFull = 0;
  for (const p of pairs) {
    const sf = { hypotheses: 0, optimised: 0 },
      sa = { hypotheses: 0, optimised: 0 };
    const a = ransacHomography(p.q, p.c, p.m, { exhaustive: true, stats: sf }),
      b = ransacHomography(p.q, p.c, p.m, { stats: sa });
    if (a.inliers === b.inliers) same++;
    maxDiff = Math.max(maxDiff, Math.abs(a.inliers - b.inliers));
    linksFull += +isPlaceLink(a);
    linksAdaptive += +isPlaceLink(b);
    scoredFull += sf.hypotheses;
    scored += sa.hypotheses;
  }
  const n = pairs.length,
    meanMatches = pairs.reduce((s, p) => s + p.m.length, 0) / n;
  console.log(
    `${kind}: ${n} pairs, ${meanMatches.toFixed(0)} matches each on average; RANSAC CPU per pair exhaustive ${(full / (n * ROUNDS)).toFixed(2)} ms, adaptive ${(adaptive / (n * ROUNDS)).toFixed(2)} ms (${(full / adaptive).toFixed(1)}×); hypotheses scored ${(scoredFull / n).toFixed(0)} -> ${(scored / n).toFixed(0)}; same inliers ${same}/${n} (largest difference ${maxDiff}); links (≥ ${PLACE_MIN_INLIERS} inliers and the coverage rule) ${linksFull} -> ${linksAdaptive}`,
  );
}
