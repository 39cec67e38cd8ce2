// Test-only helpers: locate the shared benign test data (never copied into the repo) and read the
// expected-output CSVs described in ../shared/testdata/pdq/SOURCE.md.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
import { TESTDATA_DIR, hasSharedTestData } from '../testing/testdata.js';
export { TESTDATA_DIR };
export const PDQ_DATA_DIR = path.join(TESTDATA_DIR, 'pdq');

export function hasTestData(): boolean {
  return hasSharedTestData();
}

/** Minimal CSV reader: CRLF or LF, double-quoted fields with "" escapes. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export const DIHEDRAL_COLUMNS = [
  ['original', 'hash_original'],
  ['rotate90', 'hash_rotate90'],
  ['rotate180', 'hash_rotate180'],
  ['rotate270', 'hash_rotate270'],
  ['flipx', 'hash_flipx'],
  ['flipy', 'hash_flipy'],
  ['flipPlus1', 'hash_flip_plus1'],
  ['flipMinus1', 'hash_flip_minus1'],
] as const;

export interface CppCoreVector {
  path: string;
  file: string;
  decoder: string;
  /** Row made after sharp's .rotate() (EXIF orientation applied). */
  exifApplied: boolean;
  width: number;
  height: number;
  quality: number;
  hashes: Record<(typeof DIHEDRAL_COLUMNS)[number][0], string>;
}

/** Rows of expected/cpp-core-fullres.csv whose decoder is sharp. */
export function readSharpCppCoreVectors(): CppCoreVector[] {
  return readCppCoreVectors('sharp');
}

/** Rows of expected/cpp-core-fullres.csv whose decoder name starts with `decoder` (sharp, pillow). */
export function readCppCoreVectors(decoder: string): CppCoreVector[] {
  const rows = parseCsv(readFileSync(path.join(PDQ_DATA_DIR, 'expected', 'cpp-core-fullres.csv'), 'utf8'));
  return rows
    .filter((r) => r.decoder!.startsWith(decoder))
    .map((r) => ({
      path: r.path!,
      file: path.join(PDQ_DATA_DIR, r.path!),
      decoder: r.decoder!,
      exifApplied: /rotate\(\)|EXIF orientation applied/i.test(r.decoder!),
      width: Number(r.width),
      height: Number(r.height),
      quality: Number(r.quality),
      hashes: Object.fromEntries(DIHEDRAL_COLUMNS.map(([k, col]) => [k, r[col]!.trim()])) as CppCoreVector['hashes'],
    }));
}
