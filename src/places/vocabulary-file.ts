// The committed vocabulary (src/places/vocabulary.bin, trained by scripts/train-vocabulary.ts), loaded once.
import fs from 'node:fs';
import { decodeVocabulary, type Vocabulary } from './vocabulary.js';

export const VOCABULARY_FILE = new URL('./vocabulary.bin', import.meta.url);
let cached: Vocabulary | null = null;

export function loadVocabulary(): Vocabulary {
  cached ??= decodeVocabulary(fs.readFileSync(VOCABULARY_FILE));
  return cached;
}
