// Benign generated fixtures for tests, the crash test and the benchmark: images drawn with sharp
// (gradients, shapes, text) and a minimal zip/tar writer able to build hostile archives on purpose.
import zlib from 'node:zlib';
import sharp from 'sharp';
import tar from 'tar-stream';

/** A distinct benign picture for each seed: gradient background, shapes and a label. */
export async function generatedImage(seed: number, opts: { width?: number; height?: number; format?: 'png' | 'jpeg' } = {}): Promise<Buffer> {
  const w = opts.width ?? 160;
  const h = opts.height ?? 120;
  const rnd = mulberry32(seed * 7919 + 17);
  const hue = () => Math.floor(rnd() * 360);
  const shapes = Array.from({ length: 6 }, () => {
    const x = Math.floor(rnd() * w),
      y = Math.floor(rnd() * h),
      r = 6 + Math.floor(rnd() * (w / 4));
    return rnd() < 0.5
      ? `<circle cx="${x}" cy="${y}" r="${r}" fill="hsl(${hue()},70%,50%)"/>`
      : `<rect x="${x}" y="${y}" width="${r * 2}" height="${r}" fill="hsl(${hue()},60%,40%)" transform="rotate(${Math.floor(rnd() * 90)} ${x} ${y})"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue()},80%,60%)"/><stop offset="1" stop-color="hsl(${hue()},80%,30%)"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}
    <text x="8" y="${h - 10}" font-size="${Math.max(10, Math.floor(h / 8))}" font-family="sans-serif" fill="white">#${seed}</text></svg>`;
  const img = sharp(Buffer.from(svg));
  return opts.format === 'jpeg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
}

function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  deflate?: boolean;
  /** Lie about the uncompressed size in the headers (hostile archives). */
  declaredSize?: number;
}

/** A minimal zip writer (stored or deflated entries); names are written as given, `..` included. */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflate ? zlib.deflateRawSync(e.data, { level: 9 }) : e.data;
    const crc = zlib.crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const method = e.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export async function buildTar(entries: Array<{ name: string; data: Buffer }>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => pack.entry({ name: e.name, size: e.data.length }, e.data, (err) => (err ? reject(err) : resolve())));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A PNG header claiming `width`×`height` pixels (no pixel data): decoders must refuse it, not allocate it. */
export function hugePngHeader(width = 50_000, height = 50_000): Buffer {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]);
}

/** A multipart/form-data body of files, for HTTP tests. */
export function multipartBody(files: Array<{ name: string; data: Buffer; type?: string }>): { body: Buffer; contentType: string } {
  const boundary = '----icse' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name.replace(/"/g, '')}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * A benign JPEG whose EXIF camera make holds a NUL inside, as a Nokia N9 writes it (`Nokia\0 2`):
 * sharp writes the EXIF with a placeholder of the same length, then the placeholder byte becomes NUL.
 */
export async function nulExifJpeg(seed = 1, model = 'N9'): Promise<Buffer> {
  const base = await generatedImage(seed, { width: 200, height: 150, format: 'jpeg' });
  const img = await sharp(base)
    .withExif({ IFD0: { Make: 'NokiaX 2', Model: model } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const at = img.indexOf('NokiaX 2');
  if (at < 0) throw new Error('EXIF make not found in the written JPEG');
  img[at + 5] = 0;
  return img;
}
