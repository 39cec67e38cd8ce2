// Geometric verification of the place stage as one task for a worker thread (the hashing pool runs it, so
// RANSAC never blocks the server's event loop): a query's index candidates and its earlier batch peers, all as
// stored bytes (ORB1 features, u16 words), verified here. Pure.
import { decodeFeatures, storedPart } from './features.js';
import { isPlaceLink, verifyWithWords, type PlaceHit, type Verification } from './index.js';
import { decodeWords } from './ingest.js';
import { loadVocabulary } from './vocabulary-file.js';

export interface PlaceVerifyTask {
  /** The query's features and words in their query form (PlaceFeatures.query / .queryWords). */
  features: Uint8Array;
  words: Uint8Array;
  /** Index candidates (inverted-file score) with their stored features and words (not quantised again here). */
  candidates: Array<{ id: number; score: number; features: Uint8Array; words: Uint8Array }>;
  /** Earlier items of the same batch most similar by their words, compared pairwise. */
  peers: Array<{ itemId: number; features: Uint8Array; words: Uint8Array }>;
}

export interface PlaceVerifyResult {
  /** Candidates that are the same scene, most inliers first (as PlaceMatcher.query orders them). */
  hits: PlaceHit[];
  /** Batch peers that are the same scene. */
  batch: Array<{ itemId: number; v: Verification }>;
}

export function verifyPlaceTask(t: PlaceVerifyTask): PlaceVerifyResult {
  const f = decodeFeatures(t.features);
  const words = decodeWords(t.words);
  const voc = loadVocabulary();
  const hits: PlaceHit[] = [];
  for (const c of t.candidates) {
    const v = verifyWithWords(f, words, decodeFeatures(c.features), voc, decodeWords(c.words));
    if (isPlaceLink(v)) hits.push({ id: c.id, score: c.score, verification: v });
  }
  hits.sort((a, b) => b.verification.inliers - a.verification.inliers || a.id - b.id);
  // Batch peers (same-scene groups in one seizure) in the stored form: the finer levels are for copies shown small
  // inside another picture, and a third of the keypoints makes each peer's verification ~3× cheaper.
  const fs = storedPart(f),
    ws = words.subarray(0, fs.count);
  const batch: PlaceVerifyResult['batch'] = [];
  for (const p of t.peers) {
    const v = verifyWithWords(fs, ws, decodeFeatures(p.features), voc, decodeWords(p.words));
    if (isPlaceLink(v)) batch.push({ itemId: p.itemId, v });
  }
  return { hits, batch };
}
