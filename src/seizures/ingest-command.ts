// `icse ingest PATH --case ID [--as EMAIL] [--label L]`: ingests a folder, file or archive into a seizure of
// the case, in-process against the configured database (PGlite allows one process per data directory, so
// stop the server first). Resumable: re-running with the same label skips files already held.
import fs from 'node:fs';
import path from 'node:path';
import type { Principal } from '../access/principal.js';
import { loadConfig } from '../config.js';
import { closeContext, createContext, type AppContext } from '../context.js';
import { recordAudit } from '../audit/audit.js';
import { seizuresRepo } from './repository.js';
import type { IncomingFile } from './upload.js';
import { refuseSpecial } from './archive.js';
import { startIngestWorker } from './worker.js';

interface Args {
  target: string;
  caseId: number;
  as?: string;
  label?: string;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args | string {
  let target: string | undefined,
    caseId: number | undefined,
    as: string | undefined,
    label: string | undefined,
    quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--case') caseId = Number(argv[++i]);
    else if (a === '--as') as = argv[++i];
    else if (a === '--label') label = argv[++i];
    else if (a === '--quiet') quiet = true;
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else target = a;
  }
  if (!target) return 'missing PATH';
  if (!caseId || !Number.isInteger(caseId)) return 'missing or invalid --case ID';
  return { target: path.resolve(target), caseId, as, label, quiet };
}

/** What a folder holds: regular files to read, and links / special files that get an item with a reason. */
export interface WalkEntry {
  path: string;
  special?: 'symlink' | 'special';
  type?: string;
  target?: string;
}

export function walk(root: string): WalkEntry[] {
  const st = fs.statSync(root);
  if (st.isFile()) return [{ path: root }];
  const out: WalkEntry[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      // Dirents come from lstat: a symbolic link is never followed (it may lead outside the folder, or loop),
      // and a FIFO would block the read forever. A hard link is a regular file: read like any other.
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) out.push({ path: p });
      else if (e.isSymbolicLink()) out.push({ path: p, special: 'symlink', target: fs.readlinkSync(p) });
      else
        out.push({
          path: p,
          special: 'special',
          type: e.isFIFO()
            ? 'FIFO'
            : e.isSocket()
              ? 'socket'
              : e.isCharacterDevice()
                ? 'character device'
                : e.isBlockDevice()
                  ? 'block device'
                  : 'unknown type',
        });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function principalFor(ctx: AppContext, email: string | undefined, caseId: number): Promise<Principal> {
  let q = ctx.db.selectFrom('users as u').select(['u.id', 'u.email', 'u.display_name', 'u.role', 'u.country_code', 'u.agency_id', 'u.disabled']);
  q = email ? q.where('u.email', '=', email) : q.where('u.id', '=', (eb) => eb.selectFrom('cases').select('created_by').where('id', '=', caseId));
  const u = await q.executeTakeFirst();
  if (!u) throw new Error(email ? `no user ${email}` : `no case ${caseId}`);
  if (u.disabled) throw new Error(`user ${u.email} is disabled`);
  const hub = await ctx.db.selectFrom('countries').select('is_hub').where('code', '=', u.country_code).executeTakeFirst();
  return {
    userId: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role as Principal['role'],
    countryCode: u.country_code,
    agencyId: u.agency_id,
    isHub: Boolean(hub?.is_hub),
    ip: 'cli',
    via: 'token',
  };
}

function refusalOf(kind: 'symlink' | 'special', target?: string, type?: string): { reason: string; message: string } {
  let out = { reason: '', message: '' };
  void refuseSpecial(
    {
      error: async (_p, reason, message) => {
        out = { reason, message };
      },
    },
    '',
    kind,
    target,
    type,
  );
  return out;
}

const fmtTime = (s: number) =>
  !Number.isFinite(s)
    ? '--'
    : s >= 3600
      ? `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`
      : s >= 60
        ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s`
        : `${Math.round(s)}s`;

class Progress {
  private last = 0;
  private readonly t0 = Date.now();
  constructor(private readonly enabled: boolean) {}
  draw(phase: string, done: number, total: number, force = false) {
    if (!this.enabled || (!force && Date.now() - this.last < 200)) return;
    this.last = Date.now();
    const secs = (Date.now() - this.t0) / 1000;
    const rate = done / Math.max(secs, 0.001);
    const width = 30;
    const frac = total ? Math.min(1, done / total) : 0;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '-');
    process.stderr.write(`\r${phase.padEnd(10)} [${bar}] ${done}/${total}  ${rate.toFixed(1)} files/s  ETA ${done ? fmtTime((total - done) / rate) : '--'}   `);
  }
  end() {
    if (this.enabled) process.stderr.write('\n');
  }
}

export async function runIngestCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`icse ingest: ${args}\nusage: icse ingest PATH --case ID [--as EMAIL] [--label LABEL] [--quiet]\n`);
    return 2;
  }
  if (!fs.existsSync(args.target)) {
    process.stderr.write(`icse ingest: ${args.target} does not exist\n`);
    return 2;
  }
  const ctx = await createContext(loadConfig());
  try {
    const p = await principalFor(ctx, args.as, args.caseId);
    await startIngestWorker(ctx);
    const label = args.label ?? path.basename(args.target);
    const existing = await seizuresRepo.findByLabel(ctx.db, args.caseId, p.agencyId, label);
    const seizureId = existing?.id ?? (await ctx.services.seizures.create(p, args.caseId, { label })).id;
    const files = walk(args.target);
    const base = fs.statSync(args.target).isFile() ? path.dirname(args.target) : args.target;
    // Resume: files already held for this seizure (same path and size) are not read again.
    const held = new Map<string, number | null>();
    for (let after = 0; ;) {
      const page = await ctx.db
        .selectFrom('seizure_items')
        .select(['id', 'path', 'size_bytes'])
        .where('seizure_id', '=', seizureId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(5000)
        .execute();
      for (const r of page) held.set(r.path, r.size_bytes == null ? null : Number(r.size_bytes));
      if (page.length < 5000) break;
      after = page[page.length - 1]!.id;
    }
    process.stderr.write(`seizure ${seizureId} "${label}" (case ${args.caseId})${existing ? ', resuming' : ''}: ${files.length} files\n`);
    const progress = new Progress(!args.quiet);
    let sent = 0,
      skipped = 0;
    async function* source(): AsyncIterable<IncomingFile> {
      for (const { path: f, special, type, target } of files) {
        const rel = path.relative(base, f).split(path.sep).join('/');
        if (special) {
          sent++;
          if (!held.has(rel)) yield { name: rel, stream: null, refused: refusalOf(special, target, type) };
          continue;
        }
        const size = fs.statSync(f).size;
        sent++;
        if (held.has(rel) && (held.get(rel) === size || held.get(rel) === null)) {
          skipped++;
          progress.draw('upload', sent, files.length);
          continue;
        }
        progress.draw('upload', sent, files.length);
        yield { name: rel, stream: fs.createReadStream(f) };
      }
    }
    const summary = await ctx.services.ingest.addFiles(p, seizureId, source());
    progress.draw('upload', files.length, files.length, true);
    progress.end();
    // Wait for processing, showing progress over the seizure's items.
    const pp = new Progress(!args.quiet);
    for (;;) {
      const c = (await seizuresRepo.counts(ctx.db, [seizureId])).get(seizureId)!;
      pp.draw('process', c.done + c.error, c.total);
      const s = await seizuresRepo.findById(ctx.db, seizureId);
      if (s?.status === 'complete' || (c.pending + c.processing === 0 && c.total === 0)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    const c = (await seizuresRepo.counts(ctx.db, [seizureId])).get(seizureId)!;
    pp.draw('process', c.done + c.error, c.total, true);
    pp.end();
    const triage = await ctx.services.triage.exportAll(p, seizureId, {});
    await ctx.db.transaction().execute((trx) =>
      recordAudit(trx, p, {
        action: 'seizure.ingest_cli',
        objectType: 'seizure',
        objectId: seizureId,
        details: { filesOnDisk: files.length, skipped, ...summary },
      }),
    );
    const out = process.stdout;
    out.write(
      `seizure ${seizureId}: ${c.total} items — known exact ${c.known_exact}, known near ${c.known_near}, new ${c.new}, errors ${c.error}, duplicates ${c.duplicates}` +
        ` (this run: ${summary.added} added, ${summary.alreadyHeld + skipped} already held)\n`,
    );
    for (const item of triage.items.filter((i) => i.known)) {
      const k = item.known as Record<string, any>;
      out.write(
        `  ${item.result === 'known_exact' ? 'EXACT' : 'NEAR '} ${item.path}  ${k.restricted ? k.message : `series ${k.series?.number ?? '-'} ${k.series?.name ?? ''} (${k.ownerCountry}) distance ${k.distance}${k.victimIdentified ? ', victim identified' : ''}`}\n`,
      );
    }
    for (const item of triage.items.filter((i) => i.status === 'error')) out.write(`  ERROR ${item.path}  ${item.error?.reason}: ${item.error?.message}\n`);
    return 0;
  } finally {
    await closeContext(ctx);
  }
}
