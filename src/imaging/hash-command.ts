// `icse hash FILE|DIR… [--dihedral] [--json] [--upright] [--jobs N] [--max-pixels N] [--verbose]`
//
// stdout, one line per file:  hash,quality,path            (PDQ of the pixels as stored: the peers' hash;
//                                                            --upright: EXIF orientation applied)
//   --dihedral appends:       ,original,rotate90,rotate180,rotate270,flipx,flipy,flipPlus1,flipMinus1
//   --json instead prints one JSON object per line with all hashes and metadata.
// stderr, per failed file:    error,<reason>,path          (run continues; exit code 1 at the end)
// Videos go to the hasher registered in media.ts (vPDQ), else error,unsupported.

import { availableParallelism } from 'node:os';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ImageDecodeError, fromFsError } from './errors.js';
import { hashImage, type HashImageOptions, type ImageHashResult } from './hash-image.js';
import { getMediaHasher, sniffFile, type MediaHashOutput } from './media.js';
import { HashPool, mapOrdered } from './pool.js';

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CommandIo = {
  stdout: (t) => {
    process.stdout.write(t);
  },
  stderr: (t) => {
    process.stderr.write(t);
  },
};

const USAGE = `usage: icse hash FILE|DIR... [--dihedral] [--json] [--upright] [--jobs N] [--max-pixels N] [--verbose]
  Prints hash,quality,path per image: PDQ of the pixels as stored, as HMA, python-threatexchange and
  NCMEC-style lists compute it (their decoders ignore EXIF orientation).
  --upright      hash the image as displayed (EXIF orientation applied) instead
  --dihedral     append the 8 dihedral PDQ hashes
  --json         one JSON object per line: MD5, SHA-1, SHA-256, PDQ (+ pdqUpright when rotated), dihedral, metadata
  --jobs N       worker threads (default ${availableParallelism()})
  --max-pixels N refuse images over N pixels (default 100000000)
  --verbose      explain each failure on stderr
Failures print error,<reason>,path on stderr; the exit code is 1 if any file failed.
`;

interface Args {
  inputs: string[];
  dihedral: boolean;
  json: boolean;
  applyExif: boolean;
  jobs: number;
  maxPixels?: number;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { inputs: [], dihedral: false, json: false, applyExif: false, jobs: availableParallelism(), verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string | undefined => {
      const eq = arg.indexOf('=');
      return eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    };
    const name = arg.startsWith('--') ? arg.split('=')[0] : arg;
    if (arg === '--') {
      a.inputs.push(...argv.slice(i + 1));
      break;
    }
    if (name === '--dihedral') a.dihedral = true;
    else if (name === '--json') a.json = true;
    else if (name === '--upright') a.applyExif = true;
    else if (name === '--no-exif' || name === '--as-stored')
      a.applyExif = false; // the default; kept for old scripts
    else if (name === '--verbose' || name === '-v') a.verbose = true;
    else if (name === '--jobs' || name === '-j') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) return `--jobs needs a positive integer`;
      a.jobs = n;
    } else if (name === '--max-pixels') {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 1) return `--max-pixels needs a positive number`;
      a.maxPixels = n;
    } else if (name === '--help' || name === '-h') return '';
    else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
    else a.inputs.push(arg);
  }
  if (a.inputs.length === 0) return 'no files given';
  return a;
}

type Entry = { path: string; error?: ImageDecodeError };

/** Expand arguments: files as given, directories recursed with entries sorted by name. */
async function expand(inputs: string[]): Promise<Entry[]> {
  const out: Entry[] = [];
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (err) {
      out.push({ path: dir, error: fromFsError(err, dir) });
      return;
    }
    for (const name of names) {
      const p = path.join(dir, name);
      let st;
      try {
        st = await lstat(p);
      } catch (err) {
        out.push({ path: p, error: fromFsError(err, p) });
        continue;
      }
      if (st.isDirectory()) await walk(p);
      else if (st.isSymbolicLink()) {
        // Linked files are hashed; linked directories are not followed (no cycles, no escaping the tree).
        // A dangling or unreadable link (ENOENT, ELOOP, EACCES…) is listed as a file: reading it reports why.
        const target = await stat(p).catch((err: NodeJS.ErrnoException) => (typeof err.code === 'string' ? null : Promise.reject(err)));
        if (target?.isDirectory()) out.push({ path: p, error: new ImageDecodeError('unreadable', 'symbolic link to a directory, not followed', { path: p }) });
        else out.push({ path: p });
      } else if (st.isFile()) out.push({ path: p });
      else out.push({ path: p, error: new ImageDecodeError('unreadable', 'not a regular file', { path: p }) });
    }
  };
  for (const input of inputs) {
    const st = await stat(input).catch((err: unknown) => err as Error);
    if (st instanceof Error) out.push({ path: input, error: fromFsError(st, input) });
    else if (st.isDirectory()) await walk(input);
    else out.push({ path: input });
  }
  return out;
}

type Outcome = { kind: 'image'; result: ImageHashResult } | { kind: 'video'; output: MediaHashOutput };

const DIHEDRAL_ORDER = ['original', 'rotate90', 'rotate180', 'rotate270', 'flipx', 'flipy', 'flipPlus1', 'flipMinus1'] as const;

function toDecodeError(err: unknown, p: string): ImageDecodeError {
  if (err instanceof ImageDecodeError) return err;
  const reason = (err as { reason?: unknown } | null)?.reason;
  const known = ['empty', 'truncated', 'unsupported', 'too_large', 'corrupt', 'unreadable'];
  return new ImageDecodeError(
    typeof reason === 'string' && known.includes(reason) ? (reason as ImageDecodeError['reason']) : 'corrupt',
    err instanceof Error ? err.message : String(err),
    { path: p, cause: err },
  );
}

/** `deps.pool`: worker threads the caller owns and keeps across runs (tests), used for --jobs > 1 instead of a new pool. */
export async function runHashCommand(args: string[], io: CommandIo = processIo, deps: { pool?: HashPool } = {}): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    if (parsed) io.stderr(`icse hash: ${parsed}\n`);
    io.stderr(USAGE);
    return parsed ? 2 : 0;
  }
  await import('../video/register.js'); // registers the vPDQ hasher for kind 'video'
  const entries = await expand(parsed.inputs);
  const hashOptions: HashImageOptions = {
    applyExif: parsed.applyExif,
    dihedral: parsed.dihedral || parsed.json,
    metadata: parsed.json,
    ...(parsed.maxPixels !== undefined ? { maxPixels: parsed.maxPixels } : {}),
  };
  const files = entries.filter((e) => !e.error).length;
  const parallel = parsed.jobs > 1 && files > 1;
  const own = parallel && !deps.pool ? new HashPool({ size: Math.min(parsed.jobs, files), hashOptions }) : null;
  const pool = parallel ? (deps.pool ?? own) : null;
  const hashOne = async (p: string, i: number): Promise<Outcome> => {
    const pre = entries[i]!;
    if (pre.error) throw pre.error;
    const sniff = await sniffFile(p);
    if (sniff.size === 0) throw new ImageDecodeError('empty', 'zero-byte file', { path: p });
    if (sniff.kind === 'video') {
      const hasher = getMediaHasher('video');
      if (!hasher) throw new ImageDecodeError('unsupported', `${sniff.format.toUpperCase()} video: no video hasher is registered`, { path: p });
      try {
        return { kind: 'video', output: await hasher.hashFile(p, { dihedral: parsed.dihedral, sniff }) };
      } catch (err) {
        throw toDecodeError(err, p);
      }
    }
    if (sniff.kind !== 'image') throw new ImageDecodeError('unsupported', 'not an image (unrecognised format)', { path: p });
    return { kind: 'image', result: pool ? await pool.hash(p, hashOptions) : await hashImage(p, hashOptions) };
  };

  let failed = 0;
  try {
    for await (const item of mapOrdered(
      entries.map((e) => e.path),
      pool ? pool.size * 2 : 1,
      hashOne,
    )) {
      if (item.error) {
        failed++;
        const e = item.error;
        if (parsed.json) io.stderr(`${JSON.stringify({ path: item.path, error: e.reason, message: e.message })}\n`);
        else io.stderr(`error,${e.reason},${item.path}\n`);
        if (parsed.verbose && !parsed.json) io.stderr(`# ${item.path}: ${e.message}\n`);
        continue;
      }
      const out = item.result!;
      if (out.kind === 'video') {
        // vPDQ prints the reference lines (frame,quality,hash,timestamp); with several inputs each line ends in ,path.
        const vpdq = (out.output as { lines?: string[] }).lines;
        const text = vpdq ? vpdq.map((l) => (entries.length > 1 ? `${l},${item.path}\n` : `${l}\n`)).join('') : `${out.output.line},${item.path}\n`;
        io.stdout(parsed.json ? `${JSON.stringify({ path: item.path, kind: 'video', ...out.output.json })}\n` : text);
        continue;
      }
      const r = out.result;
      if (parsed.json) {
        const { path: _p, ...rest } = r;
        io.stdout(`${JSON.stringify({ path: item.path, kind: 'image', ...rest })}\n`);
      } else {
        let line = `${r.pdq.hash},${r.pdq.quality},${item.path}`;
        if (parsed.dihedral && r.dihedral) line += ',' + DIHEDRAL_ORDER.map((k) => r.dihedral!.hashes[k]).join(',');
        io.stdout(line + '\n');
      }
    }
  } finally {
    await own?.close(); // a caller's pool stays open
  }
  if (failed > 0 && !parsed.json) io.stderr(`# ${failed} of ${entries.length} file(s) failed${parsed.verbose ? '' : ' (--verbose explains each)'}\n`);
  return failed > 0 ? 1 : 0;
}
