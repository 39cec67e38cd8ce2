// The place index on disk, so a process starts from it and reads only newer rows (a rebuild from media_features
// reads and adds every row: ~20 s of adds alone at 100,000 images). Little-endian, sections 8-byte aligned:
//   "ICSE-PLX" | u32 version | u32 JSON length | JSON header (space-padded to 8) | ids u32 | norms f32 | lengths u32
//   | slots u32 | tf u8 | u32 checksumA | u32 checksumB | "ICSE-END"
// The checksum (the PDQ snapshot's, src/matching/serialize.ts) covers everything before the trailer. Written to a
// temp file, fsynced and renamed: a crash never leaves half a snapshot under the real name. Visual words are
// derived from media as PDQ hashes are, and kept beside the PDQ snapshots (<dataDir>/index).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Checksum } from '../matching/serialize.js';
import { removeStaleTemps, writeFileAtomically } from '../shared/atomic-file.js';
import { PlaceIndex, type PlaceSections } from './index.js';
import type { Vocabulary } from './vocabulary.js';

const MAGIC = 'ICSE-PLX',
  END = 'ICSE-END',
  VERSION = 1;
/** Bytes per read call. */
const PIECE = 1 << 26;
const NAMES = ['ids', 'norms', 'lengths', 'slots', 'tf'] as const;

/** What the snapshot covers: the media_features rows with media_id ≤ maxId (count of them), under a vocabulary. */
export interface PlaceWatermark {
  maxId: number;
  count: number;
  vocabulary: number;
}
interface Header {
  format: number;
  watermark: PlaceWatermark;
  lengths: Record<(typeof NAMES)[number], number>;
}

const pad8 = (n: number) => (n + 7) & ~7;
const bytes = (a: Uint8Array | Uint32Array | Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function writePlaceSnapshot(file: string, index: PlaceIndex, watermark: PlaceWatermark): void {
  const s = index.sections();
  const header: Header = {
    format: VERSION,
    watermark,
    lengths: { ids: s.ids.length, norms: s.norms.length, lengths: s.lengths.length, slots: s.slots.length, tf: s.tf.length },
  };
  let json = JSON.stringify(header);
  json += ' '.repeat(pad8(json.length) - json.length);
  const head = new Uint8Array(16 + json.length);
  head.set(Buffer.from(MAGIC, 'latin1'));
  new DataView(head.buffer).setUint32(8, VERSION, true);
  new DataView(head.buffer).setUint32(12, json.length, true);
  head.set(Buffer.from(json, 'latin1'), 16);

  removeStaleTemps(file);
  writeFileAtomically(file, (write) => {
    const sum = new Checksum();
    const put = (chunk: Uint8Array) => {
      sum.update(chunk);
      write(chunk);
    };
    put(head);
    for (const name of NAMES) {
      const b = bytes(s[name]);
      put(b.subarray(0, b.length & ~7));
      const tail = new Uint8Array(pad8(b.length) - (b.length & ~7));
      tail.set(b.subarray(b.length & ~7));
      put(tail);
    }
    const [a, c] = sum.digest();
    const trailer = new Uint8Array(16);
    new DataView(trailer.buffer).setUint32(0, a, true);
    new DataView(trailer.buffer).setUint32(4, c, true);
    trailer.set(Buffer.from(END, 'latin1'), 8);
    write(trailer);
  });
}

/** The snapshot's index and watermark, or why it cannot be used (missing, corrupt, another vocabulary's). */
export function readPlaceSnapshot(file: string, vocabulary: Vocabulary): { index: PlaceIndex; watermark: PlaceWatermark } | { error: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { error: 'no snapshot' };
  }
  try {
    const size = fstatSync(fd).size;
    let at = 0;
    const sum = new Checksum();
    const take = (into: Uint8Array, summed = true) => {
      if (at + into.length > size) throw new Error('truncated');
      for (let off = 0; off < into.length;) {
        const k = readSync(fd, into, off, Math.min(PIECE, into.length - off), at + off);
        if (k === 0) throw new Error('truncated');
        off += k;
      }
      if (summed) sum.update(into);
      at += into.length;
    };
    const head = new Uint8Array(16);
    take(head);
    if (Buffer.from(head.subarray(0, 8)).toString('latin1') !== MAGIC) throw new Error('not a place index snapshot');
    const dv = new DataView(head.buffer);
    if (dv.getUint32(8, true) !== VERSION) throw new Error(`format ${dv.getUint32(8, true)}, expected ${VERSION}`);
    const jsonBytes = new Uint8Array(dv.getUint32(12, true));
    if (jsonBytes.length % 8 || jsonBytes.length > 1 << 16) throw new Error('bad header length');
    take(jsonBytes);
    const header = JSON.parse(Buffer.from(jsonBytes).toString('latin1')) as Header;
    const L = header.lengths;
    const section = <T extends Uint8Array | Uint32Array | Float32Array>(make: (n: number) => T, n: number): T => {
      if (!Number.isSafeInteger(n) || n < 0) throw new Error('bad section length');
      const a = make(n);
      const b = bytes(a);
      const whole = new Uint8Array(pad8(b.length));
      // Read in place where the section is whole words of 8 bytes; else through a padded copy.
      if (whole.length === b.length) take(b);
      else {
        take(whole);
        b.set(whole.subarray(0, b.length));
      }
      return a;
    };
    const s: PlaceSections = {
      ids: section((n) => new Uint32Array(n), L.ids),
      norms: section((n) => new Float32Array(n), L.norms),
      lengths: section((n) => new Uint32Array(n), L.lengths),
      slots: section((n) => new Uint32Array(n), L.slots),
      tf: section((n) => new Uint8Array(n), L.tf),
    };
    const trailer = new Uint8Array(16);
    take(trailer, false);
    const [a, c] = sum.digest();
    const tv = new DataView(trailer.buffer);
    if (tv.getUint32(0, true) !== a || tv.getUint32(4, true) !== c || Buffer.from(trailer.subarray(8)).toString('latin1') !== END)
      throw new Error('checksum mismatch');
    if (at !== size) throw new Error('trailing bytes');
    const w = header.watermark;
    if (!w || !Number.isSafeInteger(w.maxId) || w.count !== L.ids) throw new Error('bad watermark');
    return { index: PlaceIndex.fromSections(vocabulary, s), watermark: { ...w } };
  } catch (e) {
    return { error: `corrupt snapshot: ${(e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}
