// The committed vocabulary (src/places/vocabulary.bin, trained by scripts/train-vocabulary.ts), loaded once.
import fs from 'node:fs';
import { decodeVocabulary, type Vocabulary } from './vocabulary.js';

export const VOCABULARY_FILE = new URL('./vocabulary.bin', import.meta.url);
/** Which vocabulary media_features.words were quantised with (its `vocabulary` column): 1 = K=10, depth 4 (10,000
 * words); 2 = K=16, depth 4 (65,536 words, trained on 8 views of each image). Rows of another vocabulary are
 * quantised again from their stored features when the place index loads them (PlaceMatcher.catchUp). */
export const VOCABULARY_ID = 2;
let cached: Vocabulary | null = null;

export function loadVocabulary(): Vocabulary {
  cached ??= decodeVocabulary(fs.readFileSync(VOCABULARY_FILE));
  return cached;
}
