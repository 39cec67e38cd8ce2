// Geometric verification of the place stage as one task for a worker thread (the hashing pool runs it, so
// RANSAC never blocks the server's event loop): a query's index candidates and its earlier batch peers, all as
// stored bytes (ORB1 features, u16 words), verified here. Pure.
import { decodeFeatures, storedPart } from './features.js';
import { byInliers, isPartialCopy, isPlaceLink, verifyPlace, type PlaceHit, type Verification } from './index.js';
import { decodeWords } from './ingest.js';
import { loadVocabulary } from './vocabulary-file.js';

export interface PlaceVerifyTask {
  /** The query's features and words in their query form (PlaceFeatures.query / .queryWords). */
  features: Uint8Array;
  words: Uint8Array;
  /** Index candidates (inverted-file score) with their stored features and words (not quantised again here);
   * `inside`: first stored by the query's own seizure (see SURE_OUTSIDE below). */
  candidates: Array<{ id: number; score: number; features: Uint8Array; words: Uint8Array; inside?: boolean }>;
  /** Earlier items of the same batch most similar by their words, compared pairwise. */
  peers: Array<{ itemId: number; features: Uint8Array; words: Uint8Array }>;
  /** Copies found by an earlier task over the same query's earlier candidates (a task in rounds: see triage.ts). */
  settled?: Settled;
}

/** Copies among the candidates verified so far, of any seizure and of other seizures. */
export interface Settled {
  copies: number;
  copiesOutside: number;
}

/** Whether a candidate is left unverified, given the copies found before it (the rule below). */
export function skipsCandidate(s: Settled, inside: boolean | undefined): boolean {
  return s.copiesOutside >= SURE_OUTSIDE || (!!inside && s.copies > 0);
}

export interface PlaceVerifyResult {
  /** Candidates that are the same scene, most inliers first (as PlaceMatcher.query orders them). */
  hits: PlaceHit[];
  /** Batch peers that are the same scene. */
  batch: Array<{ itemId: number; v: Verification }>;
  /** Candidates left unverified once copies had settled the verdict (SURE_OUTSIDE). */
  skipped: number;
  /** Copies found, counting the task's `settled`: what a next round starts from. */
  settled: Settled;
}

/**
 * The place verdict (triage.ts samePlace) uses one hit: the best from another seizure, else the best from the
 * query's own seizure (a note, "same scene as item N"); the partial-copy stage uses copies among them. In a seizure of
 * re-encodes and crops of a few photos most candidates are copies of the query, each a costly verification (hundreds
 * of matches), and none changes that outcome once copies were found. So, in candidate order: after one copy
 * (isPartialCopy) of any seizure, candidates of the own seizure are not verified; after SURE_OUTSIDE copies from other
 * seizures, no candidate is. Other seizures' scenes that are not copies are always verified until then.
 */
export const SURE_OUTSIDE = 3;

export function verifyPlaceTask(t: PlaceVerifyTask): PlaceVerifyResult {
  const f = decodeFeatures(t.features);
  const words = decodeWords(t.words);
  const voc = loadVocabulary();
  const hits: PlaceHit[] = [];
  const settled: Settled = { copies: t.settled?.copies ?? 0, copiesOutside: t.settled?.copiesOutside ?? 0 };
  let skipped = 0;
  for (const c of t.candidates) {
    if (skipsCandidate(settled, c.inside)) {
      skipped++;
      continue;
    }
    const v = verifyPlace(f, words, decodeFeatures(c.features), voc, decodeWords(c.words));
    if (!isPlaceLink(v)) continue;
    hits.push({ id: c.id, score: c.score, verification: v });
    if (isPartialCopy(v)) {
      settled.copies++;
      if (!c.inside) settled.copiesOutside++;
    }
  }
  hits.sort(byInliers);
  // Batch peers (same-scene groups in one seizure) in the stored form: the finer levels are for copies shown small
  // inside another picture, and a third of the keypoints makes each peer's verification ~3× cheaper.
  const fs = storedPart(f),
    ws = words.subarray(0, fs.count);
  const batch: PlaceVerifyResult['batch'] = [];
  for (const p of t.peers) {
    const v = verifyPlace(fs, ws, decodeFeatures(p.features), voc, decodeWords(p.words));
    if (isPlaceLink(v)) batch.push({ itemId: p.itemId, v });
  }
  return { hits, batch, skipped, settled };
}
