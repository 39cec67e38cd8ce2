// Content sniffing by magic bytes. Decisions are made on content, never on the file extension
// (seized files are often misnamed). Only whitelisted image containers reach the decoder, so
// SVG, PDF and the like are never handed to libvips at all.

export type MediaKind = 'image' | 'video' | 'unknown';

export interface SniffResult {
  kind: MediaKind;
  /** Short container name: jpeg, png, gif, webp, tiff, heif, avif, jp2, jxl, bmp, mp4, mov, avi, mkv, … */
  format: string;
  /** Whether our image decoder handles it (kind 'image' only). */
  decodable: boolean;
}

/** How many leading bytes sniffMedia wants to see. */
export const SNIFF_BYTES = 64;

const IMAGE_BRANDS: Record<string, string> = {
  heic: 'heif',
  heix: 'heif',
  hevc: 'heif',
  hevx: 'heif',
  heim: 'heif',
  heis: 'heif',
  mif1: 'heif',
  msf1: 'heif',
  avif: 'avif',
  avis: 'avif',
};
const VIDEO_BRANDS: Record<string, string> = {
  qt: 'mov',
  isom: 'mp4',
  iso2: 'mp4',
  iso4: 'mp4',
  iso5: 'mp4',
  iso6: 'mp4',
  mp41: 'mp4',
  mp42: 'mp4',
  mp71: 'mp4',
  avc1: 'mp4',
  dash: 'mp4',
  m4v: 'mp4',
  m4a: 'mp4',
  f4v: 'mp4',
  '3gp4': '3gp',
  '3gp5': '3gp',
  '3gp6': '3gp',
  '3g2a': '3gp',
  mqt: 'mov',
};

function ascii(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function startsWith(b: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (b.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (b[at + i] !== bytes[i]) return false;
  return true;
}

const image = (format: string, decodable = true): SniffResult => ({ kind: 'image', format, decodable });
const video = (format: string): SniffResult => ({ kind: 'video', format, decodable: false });
const UNKNOWN: SniffResult = { kind: 'unknown', format: 'unknown', decodable: false };

/** Classify a file from its first bytes (SNIFF_BYTES is enough). */
export function sniffMedia(head: Uint8Array): SniffResult {
  const b = head;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return image('jpeg');
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('png');
  const a6 = ascii(b, 0, 6);
  if (a6 === 'GIF87a' || a6 === 'GIF89a') return image('gif');
  if (ascii(b, 0, 4) === 'RIFF') {
    const t = ascii(b, 8, 12);
    if (t === 'WEBP') return image('webp');
    if (t === 'AVI ') return video('avi');
    return UNKNOWN;
  }
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return image('tiff');
  if (startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])) return image('tiff');
  if (startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(b, [0xff, 0x4f, 0xff, 0x51])) return image('jp2');
  if (startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20]) || startsWith(b, [0xff, 0x0a])) return image('jxl', false);
  if (ascii(b, 0, 2) === 'BM' && b.length >= 14) return image('bmp'); // decoded by bmp.ts
  if (ascii(b, 4, 8) === 'ftyp') {
    const boxSize = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    const major = ascii(b, 8, 12).trim().toLowerCase();
    if (IMAGE_BRANDS[major]) return image(IMAGE_BRANDS[major]!);
    if (VIDEO_BRANDS[major]) return video(VIDEO_BRANDS[major]!);
    // Unknown major brand: decide from the compatible brands we can see.
    const end = Math.min(b.length, boxSize >= 16 ? boxSize : b.length);
    for (let i = 16; i + 4 <= end; i += 4) {
      const brand = ascii(b, i, i + 4)
        .trim()
        .toLowerCase();
      if (IMAGE_BRANDS[brand]) return image(IMAGE_BRANDS[brand]!);
    }
    for (let i = 16; i + 4 <= end; i += 4) {
      const brand = ascii(b, i, i + 4)
        .trim()
        .toLowerCase();
      if (VIDEO_BRANDS[brand]) return video(VIDEO_BRANDS[brand]!);
    }
    return video('mp4');
  }
  const box = ascii(b, 4, 8);
  if (box === 'moov' || box === 'mdat' || box === 'wide' || box === 'free' || box === 'skip') return video('mov');
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return video(ascii(b, 0, SNIFF_BYTES).includes('webm') ? 'webm' : 'mkv');
  if (startsWith(b, [0x00, 0x00, 0x01, 0xba]) || startsWith(b, [0x00, 0x00, 0x01, 0xb3])) return video('mpeg');
  if (ascii(b, 0, 3) === 'FLV') return video('flv');
  if (startsWith(b, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return video('wmv');
  return UNKNOWN;
}
