// Expanding uploaded files and archives (zip, tar, tar.gz) into leaf files, defensively: no path traversal,
// bounded entry count, total size, compression ratio and nesting depth. Every problem becomes a per-item
// error reported to the sink; nothing here throws for bad input.
import path from 'node:path';
import zlib from 'node:zlib';
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import tar from 'tar-stream';
import { stageEncrypted } from './staging.js';

export interface ArchiveLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /**
   * Uncompressed/compressed ratio above which an entry (over 1 MiB) is refused as a bomb; a whole zip may
   * expand to this many times its size too (at least ARCHIVE_FLOOR_BYTES): many small entries of zeros,
   * each under the per-entry floor, add up.
   */
  maxRatio: number;
  maxDepth: number;
  maxFileBytes: number;
}
export const DEFAULT_LIMITS: ArchiveLimits = { maxEntries: 200_000, maxTotalBytes: 64 * 1024 ** 3, maxRatio: 100, maxDepth: 2, maxFileBytes: 2 * 1024 ** 3 };

/** Expansion any archive may reach whatever its ratio (small archives of compressible documents). */
export const ARCHIVE_FLOOR_BYTES = 64 * 1024 ** 2;

export interface ExpandSink {
  /** A leaf file: consume `stream` fully (or destroy it). */
  file(itemPath: string, stream: Readable): Promise<void>;
  error(itemPath: string, reason: string, message: string): Promise<void>;
}

interface State {
  limits: ArchiveLimits;
  entries: number;
  totalBytes: number;
  scratch: () => string;
  stopped: boolean;
}

export type ArchiveKind = 'zip' | 'tar' | 'gzip' | null;

export function sniffArchive(head: Buffer): ArchiveKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return null;
}

/** Reads up to `n` leading bytes, then hands back a stream that still yields everything. */
export async function peek(stream: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let got = 0;
  const iterator = stream[Symbol.asyncIterator]();
  let done = false;
  while (got < n) {
    const r = await iterator.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
    chunks.push(b);
    got += b.length;
  }
  const head = Buffer.concat(chunks);
  const rest = async function* () {
    yield head;
    if (done) return;
    for (;;) {
      const r = await iterator.next();
      if (r.done) return;
      yield r.value as Buffer;
    }
  };
  return { head, stream: Readable.from(rest(), { objectMode: false }) };
}

/** Refuses absolute paths, drive letters and `..` segments; returns the cleaned relative path. */
export function safeEntryName(name: string): string | null {
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.includes('\0')) return null;
  const parts = n.split('/').filter((p) => p !== '' && p !== '.');
  if (!parts.length || parts.some((p) => p === '..')) return null;
  return parts.join('/');
}

/** Counts bytes and fails once more than `limit` pass (bounds what a lying header can make us read). */
class ByteLimit extends Transform {
  bytes = 0;
  constructor(
    private readonly limit: number,
    private readonly onExceed: () => Error,
  ) {
    super();
  }
  _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return cb(this.onExceed());
    cb(null, chunk);
  }
}

export class LimitError extends Error {
  constructor(
    public readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** Expands one uploaded file (maybe an archive) into the sink. */
export async function expand(name: string, input: Readable, sink: ExpandSink, opts: { limits?: Partial<ArchiveLimits>; scratch: () => string }): Promise<void> {
  const state: State = { limits: { ...DEFAULT_LIMITS, ...opts.limits }, entries: 0, totalBytes: 0, scratch: opts.scratch, stopped: false };
  await expandAt(name, input, sink, state, 0);
}

async function expandAt(itemPath: string, input: Readable, sink: ExpandSink, state: State, depth: number): Promise<void> {
  let peeked: { head: Buffer; stream: Readable };
  try {
    peeked = await peek(input, 512);
  } catch (err) {
    input.resume();
    const reason = err instanceof LimitError ? err.reason : 'corrupt_archive';
    return sink.error(itemPath, reason, reason === 'corrupt_archive' ? `the entry cannot be read: ${(err as Error).message}` : (err as Error).message);
  }
  const { head, stream } = peeked;
  let kind = sniffArchive(head);
  // A bare .gz that is not a tarball is just a file.
  if (kind === 'gzip' && !/\.(tgz|tar\.gz)$/i.test(itemPath)) kind = null;
  if (!kind) return sink.file(itemPath, stream);
  if (depth >= state.limits.maxDepth) {
    stream.resume();
    return sink.error(itemPath, 'nested_too_deep', `archive nested deeper than ${state.limits.maxDepth} levels; unpack it and upload its content`);
  }
  try {
    if (kind === 'zip') await expandZip(itemPath, stream, sink, state, depth);
    else await expandTar(itemPath, stream, kind === 'gzip', sink, state, depth);
  } catch (err) {
    stream.resume();
    const reason = err instanceof LimitError ? err.reason : 'corrupt_archive';
    await sink.error(
      itemPath,
      reason,
      `${reason === 'corrupt_archive' ? 'the archive is damaged or unreadable' : 'archive refused'}: ${(err as Error).message}`,
    );
  }
}

/** Checks the entry count and total size budget; returns a per-item error or null. */
function admit(state: State, size: number): LimitError | null {
  if (state.stopped) return new LimitError('too_many_entries', 'skipped: the upload exceeded its entry limit');
  if (++state.entries > state.limits.maxEntries) {
    state.stopped = true;
    return new LimitError('too_many_entries', `the upload holds more than ${state.limits.maxEntries} entries`);
  }
  if (state.totalBytes + size > state.limits.maxTotalBytes)
    return new LimitError('zip_bomb', `the archive expands beyond the ${state.limits.maxTotalBytes}-byte total limit`);
  if (size > state.limits.maxFileBytes) return new LimitError('too_large', `the entry is larger than the ${state.limits.maxFileBytes}-byte file limit`);
  state.totalBytes += size;
  return null;
}

async function expandZip(itemPath: string, input: Readable, sink: ExpandSink, state: State, depth: number): Promise<void> {
  const staged = await stageEncrypted(input, state.scratch(), state.limits.maxFileBytes);
  try {
    // decodeStrings/validateEntrySizes off: yauzl would abort the whole archive on one bad name or size;
    // we refuse per entry instead (names checked here, sizes bounded by ByteLimit).
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromRandomAccessReader(
        staged.reader,
        staged.size,
        { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: false },
        (err, z) => (err ? reject(err) : resolve(z!)),
      ),
    );
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('error', reject);
        zip.on('end', () => resolve());
        const budget = { bytes: 0, max: Math.max(ARCHIVE_FLOOR_BYTES, staged.size * state.limits.maxRatio), archiveBytes: staged.size };
        zip.on('entry', (entry: yauzl.Entry) => {
          handleZipEntry(zip, entry, itemPath, sink, state, depth, budget).then(() => zip.readEntry(), reject);
        });
        zip.readEntry();
      });
    } finally {
      zip.close();
    }
  } finally {
    await staged.dispose();
  }
}

/** Unix file types in a zip entry's external attributes (high 16 bits, when made on Unix). */
const S_IFMT = 0o170000,
  S_IFREG = 0o100000,
  S_IFDIR = 0o040000,
  S_IFLNK = 0o120000;

async function handleZipEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  itemPath: string,
  sink: ExpandSink,
  state: State,
  depth: number,
  budget: { bytes: number; max: number; archiveBytes: number },
) {
  const raw = entry.fileName as unknown as Buffer;
  const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
  const name = Buffer.isBuffer(raw) ? raw.toString(utf8 ? 'utf8' : 'latin1') : String(raw);
  if (name.endsWith('/') || name.endsWith('\\')) return; // directory
  const child = `${itemPath}/${name}`.slice(0, 1000);
  const safe = safeEntryName(name);
  if (!safe) return sink.error(child, 'path_traversal', `refused entry "${name}": absolute paths and ".." are not allowed inside archives`);
  const childPath = `${itemPath}/${safe}`.slice(0, 1000);
  const unixMode = entry.versionMadeBy >> 8 === 3 ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
  if (unixMode && unixMode !== S_IFREG && unixMode !== S_IFDIR) return refuseSpecial(sink, childPath, unixMode === S_IFLNK ? 'symlink' : 'special');
  if (entry.generalPurposeBitFlag & 1) return sink.error(childPath, 'encrypted', 'the archive entry is password-protected; upload it decrypted');
  const size = entry.uncompressedSize;
  const ratio = size / Math.max(1, entry.compressedSize);
  if (size > 1024 * 1024 && ratio > state.limits.maxRatio) {
    return sink.error(
      childPath,
      'zip_bomb',
      `the entry expands ${Math.round(ratio)}× (${size} bytes from ${entry.compressedSize}); refused as a decompression bomb`,
    );
  }
  if (budget.bytes + size > budget.max) {
    return sink.error(
      childPath,
      'zip_bomb',
      `the archive (${budget.archiveBytes} bytes) would expand beyond ${budget.max} bytes (${state.limits.maxRatio}× its size) with this entry; ` +
        'refused as a decompression bomb (unpack it and upload its content)',
    );
  }
  budget.bytes += size;
  const refused = admit(state, size);
  if (refused) return sink.error(childPath, refused.reason, refused.message);
  let stream: Readable;
  try {
    stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s!))));
  } catch (err) {
    return sink.error(childPath, 'corrupt_archive', `the entry cannot be read: ${(err as Error).message}`);
  }
  const guarded = stream.pipe(new ByteLimit(size, () => new LimitError('zip_bomb', 'the entry is larger than its header says')));
  stream.on('error', (e) => guarded.destroy(e));
  await expandAt(childPath, guarded, sink, state, depth + 1);
}

async function expandTar(itemPath: string, input: Readable, gzipped: boolean, sink: ExpandSink, state: State, depth: number): Promise<void> {
  const extract = tar.extract();
  let compressed = 0;
  let source: Readable = input;
  if (gzipped) {
    const counter = new PassThrough();
    counter.on('data', (c: Buffer) => {
      compressed += c.length;
    });
    const gunzip = zlib.createGunzip();
    input.pipe(counter).pipe(gunzip);
    input.on('error', (e) => gunzip.destroy(e));
    source = gunzip;
  }
  let expanded = 0;
  const done = new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    source.on('error', (e) => {
      extract.destroy(e);
      reject(e);
    });
  });
  extract.on('entry', (header, stream, next) => {
    (async () => {
      if (header.type === 'directory') {
        stream.resume();
        return;
      }
      const name = header.name;
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        stream.resume();
        const safeName = safeEntryName(name);
        const at = `${itemPath}/${safeName ?? name}`.slice(0, 1000);
        if (header.type === 'symlink' || header.type === 'link')
          return refuseSpecial(sink, at, header.type === 'symlink' ? 'symlink' : 'hardlink', header.linkname ?? undefined);
        return refuseSpecial(sink, at, 'special', undefined, header.type ?? 'unknown');
      }
      const size = header.size ?? 0;
      const safe = safeEntryName(name);
      if (!safe) {
        stream.resume();
        return sink.error(
          `${itemPath}/${name}`.slice(0, 1000),
          'path_traversal',
          `refused entry "${name}": absolute paths and ".." are not allowed inside archives`,
        );
      }
      const childPath = `${itemPath}/${safe}`.slice(0, 1000);
      expanded += size;
      if (gzipped && expanded > 1024 * 1024 && expanded / Math.max(1, compressed) > state.limits.maxRatio * 10) {
        stream.resume();
        return sink.error(childPath, 'zip_bomb', 'the compressed archive expands beyond a safe ratio; refused as a decompression bomb');
      }
      const refused = admit(state, size);
      if (refused) {
        stream.resume();
        return sink.error(childPath, refused.reason, refused.message);
      }
      await expandAt(childPath, stream as unknown as Readable, sink, state, depth + 1);
    })().then(
      () => {
        stream.resume();
        next();
      },
      (err) => {
        stream.resume();
        next(err);
      },
    );
  });
  source.pipe(extract);
  await done;
}

/**
 * A link or special file (FIFO, device, socket) gets an item with its reason instead of vanishing: links are
 * never followed (they may point outside the archive) and special files have no content to read.
 */
export function refuseSpecial(
  sink: Pick<ExpandSink, 'error'>,
  itemPath: string,
  kind: 'symlink' | 'hardlink' | 'special',
  target?: string,
  type?: string,
): Promise<void> {
  const to = target ? ` to "${target}"` : '';
  if (kind === 'symlink') return sink.error(itemPath, 'symlink', `a symbolic link${to}: links are not followed; upload the file it points to`);
  if (kind === 'hardlink') return sink.error(itemPath, 'hardlink', `a hard link${to} inside the archive: its content is the other entry's; upload that entry`);
  return sink.error(itemPath, 'special_file', `a special file (${type ?? 'FIFO, device or socket'}), not a regular file: it has no content to examine`);
}

export const archiveBaseName = (name: string) => path.basename(name.replace(/\\/g, '/'));
