// EXIF facts useful to investigators (camera identity, capture time, location), read with exifr.
// Metadata is best effort: unreadable or absent EXIF yields an empty object, never an error.
// Only TIFF-structured data reaches exifr: the EXIF blob libvips extracts (any container) or a
// TIFF file. exifr's own container scanners are never used: a HEIF with a zero-size box made
// them loop forever, a denial of service on seized files.

import exifr from 'exifr';
import { cleanText } from '../shared/text.js';

export interface ExifMetadata {
  make?: string;
  model?: string;
  /** BodySerialNumber (EXIF 2.3), else the older SerialNumber tag. */
  serialNumber?: string;
  lensMake?: string;
  lensModel?: string;
  lensSerialNumber?: string;
  software?: string;
  /**
   * DateTimeOriginal (else CreateDate/DateTimeDigitized) as ISO 8601, e.g. 2017-11-07T22:14:06.
   * Camera-local time: a UTC offset is appended only when the file records one (OffsetTimeOriginal).
   */
  captureTime?: string;
  gpsLatitude?: number;
  gpsLongitude?: number;
  /** EXIF orientation tag 1..8 as stored. */
  orientation?: number;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  // EXIF strings are often NUL- or space-padded, and some cameras put a NUL inside ("Nokia\0 2"):
  // PostgreSQL refuses NUL anywhere, so every one goes.
  const s = cleanText(v).trim();
  return s.length > 0 && s.length <= 256 ? s : undefined;
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/** "2017:11:07 22:14:06" (+ subseconds, offset) to ISO 8601; undefined for blank/invalid dates. */
export function exifDateToIso(value: unknown, subSec?: unknown, offset?: unknown): string | undefined {
  const s = str(value);
  const m = s ? EXIF_DATE.exec(s) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se] = m;
  if (y === '0000' || mo === '00' || d === '00') return undefined;
  if (+mo! > 12 || +d! > 31 || +h! > 23 || +mi! > 59 || +se! > 60) return undefined;
  const sub = str(subSec);
  const frac = sub && /^\d+$/.test(sub) ? `.${sub}` : '';
  const off = str(offset);
  return `${y}-${mo}-${d}T${h}:${mi}:${se}${frac}${off && OFFSET.test(off) ? off : ''}`;
}

function coord(v: unknown, limit: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit ? v : undefined;
}

const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  return b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
}

/**
 * Read EXIF from an EXIF blob ("Exif\0\0" + TIFF, or bare TIFF, as sharp's metadata().exif gives
 * for JPEG, PNG, WebP, HEIF/AVIF) or from a whole TIFF file. Anything else yields {}.
 */
export async function readExifMetadata(exifOrTiff: Uint8Array | undefined): Promise<ExifMetadata> {
  if (!exifOrTiff) return {};
  const body = startsWith(exifOrTiff, EXIF_HEADER) ? exifOrTiff.subarray(6) : exifOrTiff;
  if (!startsWith(body, TIFF_LE) && !startsWith(body, TIFF_BE)) return {};
  let e: Record<string, unknown> | undefined;
  try {
    const input = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.length);
    e = (await exifr.parse(input, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      makerNote: false,
      userComment: false,
      // Keep raw date strings: exifr would otherwise build Dates in this machine's time zone.
      reviveValues: false,
      translateValues: false,
      translateKeys: true,
    })) as Record<string, unknown> | undefined;
  } catch {
    return {};
  }
  if (!e) return {};
  const out: ExifMetadata = {};
  const set = <K extends keyof ExifMetadata>(k: K, v: ExifMetadata[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('make', str(e.Make));
  set('model', str(e.Model));
  set('serialNumber', str(e.BodySerialNumber) ?? str(e.SerialNumber));
  set('lensMake', str(e.LensMake));
  set('lensModel', str(e.LensModel));
  set('lensSerialNumber', str(e.LensSerialNumber));
  set('software', str(e.Software));
  set(
    'captureTime',
    exifDateToIso(e.DateTimeOriginal, e.SubSecTimeOriginal, e.OffsetTimeOriginal) ?? exifDateToIso(e.CreateDate, e.SubSecTimeDigitized, e.OffsetTimeDigitized),
  );
  const lat = coord(e.latitude, 90);
  const lon = coord(e.longitude, 180);
  if (lat !== undefined && lon !== undefined) {
    out.gpsLatitude = lat;
    out.gpsLongitude = lon;
  }
  const o = e.Orientation;
  if (typeof o === 'number' && Number.isInteger(o) && o >= 1 && o <= 8) out.orientation = o;
  return out;
}
