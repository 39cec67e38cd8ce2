// Near-duplicate detection benchmark: PDQ alone vs PDQ + robust stage (border trim + centre-crop
// pyramid), on generated scenes and the shared benign test photos (read only, never copied).
//
//   npm run bench:detection              chosen configuration
//   npm run bench:detection -- --compare also the alternative configurations (for docs/near-duplicates.md)
//   npm run bench:detection -- --scenes=20 fewer generated scenes (quick run)
//   then the partial copies on packaged photos (bench/partial-copies.ts; --no-partial skips, --unrelated N, --distractors N)
//
// Last line is machine-readable: bench:detection images=... pdq_recall=... full_recall=... ...

import { TESTDATA_DIR } from '../src/testing/testdata.js';
import fs from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { pdqDihedralFromRgb, pdqDistance as hammingHex, pdqToWords, type PdqDihedralHashes } from '../src/hashing/index.js';
import { PdqIndex } from '../src/matching/pdq-index.js';
import { MATCH_DEFAULTS, RobustIndex, type MatchOptions, type RobustStage } from '../src/robust/matcher.js';
import { robustQueryFromPixels, robustSignatureFromPixels, type PyramidOptions, type RobustQuery } from '../src/robust/signature.js';
import { generateScene } from './detection-scenes.js';
import { runPartialCopies } from './partial-copies.js';

const PHOTO_DIR = path.join(TESTDATA_DIR, 'pdq/data');
// Distinct photos only: the bridge variants, colour modes and the second EXIF shot are the same pictures.
const PHOTOS = [
  'bridge-mods/aaa-orig.jpg',
  'misc-images/c.png',
  'misc-images/small.jpg',
  'misc-images/wee.jpg',
  'reg-test-input/exif-rotn/exif-rotn-1.jpg',
  'reg-test-input/pen-and-coaster.png',
  'reg-test-input/labelme-subset/q0003.jpg',
  'reg-test-input/labelme-subset/q0004.jpg',
  'reg-test-input/labelme-subset/q0122.jpg',
  'reg-test-input/labelme-subset/q0291.jpg',
  'reg-test-input/labelme-subset/q0746.jpg',
  'reg-test-input/labelme-subset/q1050.jpg',
  'reg-test-input/labelme-subset/q2821.jpg',
];
const PDQ_T = 31;
const PDQ_MIN_QUALITY = 50;

interface Raw {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

type Edit = (img: Sharp, m: { width: number; height: number }) => Sharp;

const watermarkSvg = (w: number, h: number): Buffer => {
  const fs1 = Math.max(10, Math.round(h / 9));
  const fs2 = Math.max(8, Math.round(h / 16));
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
      `<text x="${w * 0.5}" y="${h * 0.92}" text-anchor="middle" font-family="sans-serif" font-weight="bold" font-size="${fs1}" fill="white" fill-opacity="0.7" stroke="black" stroke-opacity="0.5" stroke-width="1">SAMPLE-WATERMARK</text>` +
      `<text x="${w * 0.03}" y="${h * 0.08}" font-family="monospace" font-size="${fs2}" fill="yellow" fill-opacity="0.8">@reposter 2026</text></svg>`,
  );
};

const centreCrop =
  (s: number): Edit =>
  (img, m) => {
    const cw = Math.round(m.width * s);
    const ch = Math.round(m.height * s);
    return img.extract({ left: Math.floor((m.width - cw) / 2), top: Math.floor((m.height - ch) / 2), width: cw, height: ch });
  };

const BORDER_COLOURS = [
  { r: 0, g: 0, b: 0 },
  { r: 255, g: 255, b: 255 },
  { r: 200, g: 30, b: 60 },
  { r: 40, g: 90, b: 200 },
];

/** The ten edits the targets are measured on. */
const EDITS: Record<string, Edit> = {
  resize50: (img, m) => img.resize(Math.max(1, Math.round(m.width / 2)), Math.max(1, Math.round(m.height / 2))),
  jpeg30: (img) => img,
  crop90: centreCrop(0.9),
  watermark: (img, m) => img.composite([{ input: watermarkSvg(m.width, m.height) }]),
  brighten20: (img) => img.modulate({ brightness: 1.2 }),
  blur: (img) => img.blur(2),
  mirror: (img) => img.flop(),
  rotate90: (img) => img.rotate(90),
  greyscale: (img) => img.greyscale(),
  border5: (img, m) => img, // colour chosen per image below
};

/** Informational edits beyond the targets (not in overall recall). */
const EXTRA_EDITS: Record<string, Edit> = {
  crop95: centreCrop(0.95),
  crop85: centreCrop(0.85),
  crop80: centreCrop(0.8),
  crop_offcentre: (img, m) =>
    img.extract({ left: Math.round(m.width * 0.1), top: Math.round(m.height * 0.02), width: Math.round(m.width * 0.88), height: Math.round(m.height * 0.9) }),
  border5_crop90: centreCrop(0.9), // padded afterwards
  border_noisy: (img) => img,
};

async function decode(buf: Buffer): Promise<Raw> {
  const { data, info } = await sharp(buf).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}

async function pad(buf: Buffer, share: number, colour: { r: number; g: number; b: number }, jpegQ = 90): Promise<Buffer> {
  const m = await sharp(buf).metadata();
  const bx = Math.max(1, Math.round(m.width! * share));
  const by = Math.max(1, Math.round(m.height! * share));
  return sharp(buf).extend({ left: bx, right: bx, top: by, bottom: by, background: colour }).jpeg({ quality: jpegQ }).toBuffer();
}

async function makeCopy(name: string, src: Buffer, idx: number): Promise<Buffer> {
  const m = await sharp(src).metadata();
  const dims = { width: m.width!, height: m.height! };
  if (name === 'border5') return pad(src, 0.05, BORDER_COLOURS[idx % BORDER_COLOURS.length]!);
  if (name === 'border5_crop90')
    return pad(await sharp(src).extract(cropBox(dims, 0.9)).png().toBuffer(), 0.05, BORDER_COLOURS[(idx + 1) % BORDER_COLOURS.length]!);
  if (name === 'border_noisy') {
    // Padding that was itself JPEG-compressed hard together with the image.
    return pad(src, 0.05, BORDER_COLOURS[(idx + 2) % BORDER_COLOURS.length]!, 35);
  }
  const edit = EDITS[name] ?? EXTRA_EDITS[name]!;
  return edit(sharp(src), dims)
    .jpeg({ quality: name === 'jpeg30' ? 30 : 90 })
    .toBuffer();
}

function cropBox(m: { width: number; height: number }, s: number) {
  const cw = Math.round(m.width * s);
  const ch = Math.round(m.height * s);
  return { left: Math.floor((m.width - cw) / 2), top: Math.floor((m.height - ch) / 2), width: cw, height: ch };
}

interface Item {
  source: number;
  edit: string;
  raw: Raw;
  pdq: { quality: number; hashes: PdqDihedralHashes };
}

interface Config {
  name: string;
  pyramid: PyramidOptions;
  match: MatchOptions;
}

const RULES: MatchOptions = MATCH_DEFAULTS;
const VOTES_ONLY: MatchOptions = { regionThreshold: 31, minVotes: 2, looseVotes: 0, singleThreshold: -1 };
const CHOSEN: Config = { name: 'pyramid r=0.9 L=7, all rules (default)', pyramid: {}, match: {} };
const ALTERNATIVES: Config[] = [
  { name: 'trim only (L=1)', pyramid: { ratio: 0.9, levels: 1, workSize: 256 }, match: RULES },
  { name: 'pyramid r=0.9 L=5, all rules', pyramid: { ratio: 0.9, levels: 5, workSize: 256 }, match: RULES },
  { name: 'pyramid r=0.9 L=5, >=2 votes only', pyramid: { ratio: 0.9, levels: 5, workSize: 256 }, match: VOTES_ONLY },
  { name: 'pyramid r=0.9 L=7, >=2 votes only', pyramid: { ratio: 0.9, levels: 7, workSize: 256 }, match: VOTES_ONLY },
  { name: 'pyramid r=0.9 L=7, 1 vote <= 31', pyramid: { ratio: 0.9, levels: 7, workSize: 256 }, match: { ...VOTES_ONLY, minVotes: 1 } },
  { name: 'pyramid r=0.85 L=6, all rules', pyramid: { ratio: 0.85, levels: 6, workSize: 256 }, match: RULES },
  { name: 'pyramid r=0.8 L=5, all rules', pyramid: { ratio: 0.8, levels: 5, workSize: 256 }, match: RULES },
  { name: 'pyramid r=0.9 L=7, no trim', pyramid: { ratio: 0.9, levels: 7, workSize: 256, border: { maxSideShare: 0 } }, match: RULES },
  { name: 'pyramid r=0.9 L=7, work 256 px', pyramid: { ratio: 0.9, levels: 7, workSize: 256 }, match: RULES },
  { name: 'pyramid r=0.9 L=7, no half levels at query', pyramid: { ratio: 0.9, levels: 7, halfLevels: false }, match: RULES },
];

const VARIANTS: Array<keyof PdqDihedralHashes> = ['original', 'flipx', 'flipy', 'rotate180', 'rotate90', 'rotate270', 'flipPlus1', 'flipMinus1'];

function pct(n: number, d: number): string {
  return d ? ((100 * n) / d).toFixed(1) : 'n/a';
}

interface Margins {
  minDistance: number;
  votes31: number;
  votes40: number;
}

interface Outcome {
  found: Map<string, number>;
  total: Map<string, number>;
  falseMatches: number;
  stages: Map<string, number>;
  ingestMs: number;
  queryMs: number;
  bytesPerImage: number;
  codesPerImage: number;
}

function evaluate(cfg: Config, originals: Item[], copies: Item[], pdqIndex: PdqIndex, names?: string[], margins?: Margins): Outcome {
  const index = new RobustIndex();
  let t0 = performance.now();
  for (const o of originals) index.add(String(o.source), robustSignatureFromPixels(o.raw.pixels, o.raw.width, o.raw.height, o.raw.channels, cfg.pyramid));
  const ingestMs = (performance.now() - t0) / originals.length;
  const found = new Map<string, number>();
  const total = new Map<string, number>();
  const stages = new Map<string, number>();
  let falseMatches = 0;
  let queryTime = 0;
  const queries = [...copies, ...originals.map((o) => ({ ...o, edit: 'original' }))];
  for (const c of queries) {
    const hits = new Map<number, string>();
    for (const v of VARIANTS)
      for (const h of pdqIndex.query(pdqToWords(c.pdq.hashes[v]), PDQ_T))
        if (!hits.has(h.id - 1)) hits.set(h.id - 1, v === 'original' ? 'pdq' : 'pdq-dihedral');
    t0 = performance.now();
    const q: RobustQuery = robustQueryFromPixels(c.raw.pixels, c.raw.width, c.raw.height, c.raw.channels, cfg.pyramid);
    const robust = index.query(q, cfg.match);
    queryTime += performance.now() - t0;
    for (const m of robust) {
      const id = Number(m.mediaId);
      if (!hits.has(id)) hits.set(id, m.stage satisfies RobustStage);
    }
    for (const id of hits.keys()) if (id !== c.source) falseMatches++;
    if (margins) {
      for (const ev of index.evidence(q, 47)) {
        if (Number(ev.mediaId) === c.source) continue;
        margins.minDistance = Math.min(margins.minDistance, ev.minDistance);
        margins.votes31 = Math.max(margins.votes31, ev.votesAt(31));
        margins.votes40 = Math.max(margins.votes40, ev.votesAt(40));
      }
    }
    if (c.edit === 'original') continue;
    total.set(c.edit, (total.get(c.edit) ?? 0) + 1);
    const stage = hits.get(c.source);
    if (stage) {
      found.set(c.edit, (found.get(c.edit) ?? 0) + 1);
      stages.set(stage, (stages.get(stage) ?? 0) + 1);
    } else if (names) {
      // Diagnostics (--misses): how close did the true source come?
      const pdqBest = Math.min(...VARIANTS.map((v) => hammingHex(c.pdq.hashes[v], originals.find((o) => o.source === c.source)!.pdq.hashes.original)));
      const loose = index.query(q, { ...cfg.match, regionThreshold: 47, pdqThreshold: 47, minVotes: 1 }).find((m) => Number(m.mediaId) === c.source);
      const detail = loose
        ? `${loose.stage} ${loose.variant} ${loose.queryBase}->${loose.storedBase} off=${loose.offset} pairs=${loose.pairs.map((p) => `${p.queryLevel}:${p.distance}`).join(',')}`
        : 'no region within 47';
      console.log(`  miss ${c.edit.padEnd(14)} ${names[c.source]!.padEnd(40)} pdq_best=${pdqBest} ${detail}`);
    }
  }
  // Stored bytes per image: each region = 32-byte code + 1-byte level (+ 8-byte media reference in
  // the index), plus the 8-byte trim rectangle.
  const codesPerImage = index.codeCount / originals.length;
  return { found, total, falseMatches, stages, ingestMs, queryMs: queryTime / queries.length, bytesPerImage: codesPerImage * 41 + 8, codesPerImage };
}

function pdqOnly(originals: Item[], copies: Item[], pdqIndex: PdqIndex, dihedral: boolean): { found: Map<string, number>; falseMatches: number } {
  const found = new Map<string, number>();
  let falseMatches = 0;
  for (const c of [...copies, ...originals.map((o) => ({ ...o, edit: 'original' }))]) {
    const hits = new Set<number>();
    for (const v of dihedral ? VARIANTS : ['original' as const]) for (const h of pdqIndex.query(pdqToWords(c.pdq.hashes[v]), PDQ_T)) hits.add(h.id - 1);
    for (const id of hits) if (id !== c.source) falseMatches++;
    if (c.edit !== 'original' && hits.has(c.source)) found.set(c.edit, (found.get(c.edit) ?? 0) + 1);
  }
  return { found, falseMatches };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const compare = args.includes('--compare');
  const sceneCount = Number(args.find((a) => a.startsWith('--scenes='))?.split('=')[1] ?? 48);
  const started = performance.now();

  const sources: Array<{ name: string; buf: Buffer }> = [];
  for (let s = 0; s < sceneCount; s++) {
    const sc = await generateScene(s);
    sources.push({ name: sc.name, buf: sc.png });
  }
  let photosMissing = 0;
  for (const p of PHOTOS) {
    const file = path.join(PHOTO_DIR, p);
    if (!fs.existsSync(file)) {
      photosMissing++;
      continue;
    }
    sources.push({ name: p, buf: fs.readFileSync(file) });
  }

  const originals: Item[] = [];
  const copies: Item[] = [];
  const excluded: string[] = [];
  const editNames = [...Object.keys(EDITS), ...Object.keys(EXTRA_EDITS)];
  for (const [i, s] of sources.entries()) {
    const raw = await decode(s.buf);
    const pdq = pdqDihedralFromRgb(raw.pixels, raw.width, raw.height, raw.channels);
    if (pdq.quality < PDQ_MIN_QUALITY) {
      excluded.push(`${s.name} (PDQ quality ${pdq.quality})`);
      continue;
    }
    originals.push({ source: i, edit: 'original', raw, pdq });
    const normalised = await sharp(s.buf).rotate().removeAlpha().png().toBuffer();
    for (const e of editNames) {
      const craw = await decode(await makeCopy(e, normalised, i));
      copies.push({ source: i, edit: e, raw: craw, pdq: pdqDihedralFromRgb(craw.pixels, craw.width, craw.height, craw.channels) });
    }
  }
  // PDQ index ids are source + 1 (PdqIndex ids are positive).
  const pdqIndex = new PdqIndex();
  for (const o of originals) pdqIndex.add(o.source + 1, pdqToWords(o.pdq.hashes.original));

  const target = Object.keys(EDITS);
  const plain = pdqOnly(originals, copies, pdqIndex, false);
  const dih = pdqOnly(originals, copies, pdqIndex, true);
  const margins: Margins = { minDistance: 256, votes31: 0, votes40: 0 };
  const full = evaluate(CHOSEN, originals, copies, pdqIndex, args.includes('--misses') ? sources.map((x) => x.name) : undefined, margins);
  const n = originals.length;
  const sum = (m: Map<string, number>, keys: string[]): number => keys.reduce((a, k) => a + (m.get(k) ?? 0), 0);

  console.log(
    `images: ${n} (${originals.filter((o) => sources[o.source]!.name.startsWith('scene-')).length} generated scenes, ${n - originals.filter((o) => sources[o.source]!.name.startsWith('scene-')).length} photos)${photosMissing ? `, ${photosMissing} photos missing` : ''}`,
  );
  if (excluded.length) console.log(`excluded (unhashable, PDQ quality < ${PDQ_MIN_QUALITY}): ${excluded.join(', ')}`);
  console.log(`copies: ${copies.length}; unrelated pairs checked: ${(copies.length + n) * (n - 1)}`);
  console.log('');
  console.log(`${'edit'.padEnd(16)} ${'PDQ'.padStart(7)} ${'PDQ+dih'.padStart(8)} ${'full'.padStart(7)}`);
  for (const e of editNames) {
    const tot = full.total.get(e) ?? 0;
    const mark = target.includes(e) ? '' : '  (extra)';
    console.log(
      `${e.padEnd(16)} ${pct(plain.found.get(e) ?? 0, tot).padStart(7)} ${pct(dih.found.get(e) ?? 0, tot).padStart(8)} ${pct(full.found.get(e) ?? 0, tot).padStart(7)}${mark}`,
    );
  }
  const totTarget = n * target.length;
  console.log(
    `${'overall'.padEnd(16)} ${pct(sum(plain.found, target), totTarget).padStart(7)} ${pct(sum(dih.found, target), totTarget).padStart(8)} ${pct(sum(full.found, target), totTarget).padStart(7)}`,
  );
  console.log(
    `${'false matches'.padEnd(16)} ${String(plain.falseMatches).padStart(7)} ${String(dih.falseMatches).padStart(8)} ${String(full.falseMatches).padStart(7)}`,
  );
  console.log(`found by stage (full): ${[...full.stages.entries()].map(([k, v]) => `${k}=${v}`).join(' ')}`);
  console.log(
    `unrelated-image margins: closest region pair ${margins.minDistance} bits (strong-single rule accepts <= ${MATCH_DEFAULTS.singleThreshold}); most levels agreeing on one offset: ${margins.votes31} within ${MATCH_DEFAULTS.regionThreshold} bits (rule needs ${MATCH_DEFAULTS.minVotes}), ${margins.votes40} within ${MATCH_DEFAULTS.looseThreshold} (rule needs ${MATCH_DEFAULTS.looseVotes})`,
  );
  console.log(
    `robust stage: ${full.codesPerImage.toFixed(2)} region codes/image, ${full.bytesPerImage.toFixed(0)} B/image, +${full.ingestMs.toFixed(1)} ms/image at ingest, +${full.queryMs.toFixed(1)} ms/query (8 dihedral variants x regions)`,
  );

  if (compare) {
    console.log('');
    console.log(
      `| configuration | crop90 | border5 | crop95 | crop85 | crop80 | offcentre | border+crop | overall (10 edits) | false matches | codes/img | B/img | ingest ms | query ms |`,
    );
    console.log(`|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
    for (const cfg of [CHOSEN, ...ALTERNATIVES]) {
      const r = cfg === CHOSEN ? full : evaluate(cfg, originals, copies, pdqIndex);
      const f = (e: string): string => pct(r.found.get(e) ?? 0, r.total.get(e) ?? 0);
      console.log(
        `| ${cfg.name} | ${f('crop90')} | ${f('border5')} | ${f('crop95')} | ${f('crop85')} | ${f('crop80')} | ${f('crop_offcentre')} | ${f('border5_crop90')} | ${pct(sum(r.found, target), totTarget)} | ${r.falseMatches} | ${r.codesPerImage.toFixed(2)} | ${r.bytesPerImage.toFixed(0)} | ${r.ingestMs.toFixed(1)} | ${r.queryMs.toFixed(1)} |`,
      );
    }
  }
  console.log(`(total ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const tot = (e: string): number => full.total.get(e) ?? 0;
  console.log(
    `bench:detection images=${n} pdq_recall=${(sum(plain.found, target) / totTarget).toFixed(4)} full_recall=${(sum(full.found, target) / totTarget).toFixed(4)} ` +
      `crop_recall=${((full.found.get('crop90') ?? 0) / tot('crop90')).toFixed(4)} border_recall=${((full.found.get('border5') ?? 0) / tot('border5')).toFixed(4)} ` +
      `false_matches=${full.falseMatches} added_ms_ingest=${full.ingestMs.toFixed(2)} added_ms_query=${full.queryMs.toFixed(2)} bytes_per_image=${full.bytesPerImage.toFixed(0)}`,
  );
}

main()
  .then(async () => {
    // Partial copies (issue 19, item 7) on packaged photos: bench/partial-copies.ts (--no-partial skips it).
    if (process.argv.includes('--no-partial')) return;
    const a = (n: string, d: number) => (process.argv.includes(`--${n}`) ? Number(process.argv[process.argv.indexOf(`--${n}`) + 1]) : d);
    console.log('');
    const r = await runPartialCopies({ unrelated: a('unrelated', 10000), distractors: a('distractors', 2000) });
    console.log(
      `bench:detection partial recall=${r.recall.toFixed(3)} ${Object.entries(r.perKind)
        .map(([k, v]) => `${k}=${v.toFixed(2)}`)
        .join(' ')} false_links=${r.falseLinks} unrelated=${r.unrelated} indexed=${r.indexed}`,
    );
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
