// The audit sealer: links rows written since the last run into the HMAC chain, in seq order, one short
// transaction per page. Writers never lock anything; only sealers take audit_head (FOR UPDATE SKIP LOCKED,
// so sealers of several processes take turns and never queue). Sealing a page, recording its links and
// deleting its pending markers commit together: a killed sealer leaves rows pending and the next run (in
// any process) continues from the head. Periodic signed checkpoints of the head go outside the database
// (a JSON-lines file in the data dir and the structured log), so truncating the chain and moving the head
// back is detected by verify.ts.
import { createLog, type Log } from '../shared/log.js';
import { settled } from '../shared/failures.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/types.js';
import { canonicalJson, GENESIS_HASH, rowContent } from './audit.js';
import { hmacHex } from './key.js';
import { CoalescedRun } from '../shared/coalesce.js';

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
const PAGE = 2000;

export interface Checkpoint {
  chain: string;
  pos: number;
  mac: string;
  at: string;
  sig: string;
}

/** MAC of chain position `pos`: covers the previous link, the position and the row's content. */
export function linkMac(key: Buffer, prevMac: string, pos: number, content: string): string {
  return hmacHex(key, 'audit-link', prevMac, String(pos), content);
}

export function signCheckpoint(key: Buffer, cp: Omit<Checkpoint, 'sig'>): Checkpoint {
  return { ...cp, sig: hmacHex(key, 'audit-checkpoint', canonicalJson({ chain: cp.chain, pos: cp.pos, mac: cp.mac, at: cp.at })) };
}

export function checkpointSignatureOk(key: Buffer, cp: Checkpoint): boolean {
  return signCheckpoint(key, cp).sig === cp.sig;
}

/** Which chain a checkpoint belongs to: from the configuration, never from the database. */
export function chainId(kind: string, schema: string): string {
  return `${kind}:${schema}`;
}

export interface SealerOptions {
  key: Buffer;
  chain: string;
  /** Directory of the checkpoint file (the data dir); null: no file. */
  dataDir: string | null;
  intervalMs?: number;
  checkpointSeconds?: number;
  /** Structured log line for each checkpoint (null: silent). */
  log?: ((entry: Record<string, unknown>, msg: string) => void) | null;
}

export class AuditSealer {
  private timer: NodeJS.Timeout | null = null;
  private readonly runs = new CoalescedRun(() => this.sealAll(), {
    repeatWhile: () => !this.stopped,
    after: async () => {
      if (Date.now() - this.lastCheckpointAt >= (this.opts.checkpointSeconds ?? 60) * 1000) await this.checkpoint();
    },
  });
  private errors: Log = createLog('info');
  private lastCheckpointPos = -1;
  private lastCheckpointAt = 0;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly opts: SealerOptions,
  ) {}

  get checkpointFile(): string | null {
    return this.opts.dataDir ? path.join(this.opts.dataDir, CHECKPOINT_FILE) : null;
  }

  /** Seals in the background; `log` gets what fails there (the next tick retries). */
  start(log: Log = createLog('info')): void {
    if (this.timer) return;
    this.stopped = false;
    this.errors = log;
    this.timer = setInterval(() => {
      void this.seal().catch(log.failed('sealing the audit chain (the next tick retries)'));
    }, this.opts.intervalMs ?? 500);
    this.timer.unref();
  }

  /** Final seal and checkpoint (at shutdown, before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await settled(this.runs.current); // a failed tick was logged by start()'s timer
    await this.sealAll().catch(this.errors.failed('the final audit seal at shutdown'));
    await this.checkpoint().catch(this.errors.failed('the final audit checkpoint at shutdown'));
  }

  /** One sealing run (coalesced: a call during a run schedules one more). Returns rows sealed. */
  seal(): Promise<number> {
    return this.runs.run();
  }

  /** Seals pages until nothing is pending or another process holds the head. */
  async sealAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.sealPage();
      total += Math.max(n, 0);
      if (n < PAGE) return total;
    }
  }

  /** Seals up to one page; -1 when another sealer holds the head right now. */
  async sealPage(): Promise<number> {
    const key = this.opts.key;
    // Most ticks find nothing: one indexed read instead of a transaction (PGlite has one connection).
    if (!(await this.db.selectFrom('audit_pending').select('seq').limit(1).executeTakeFirst())) return 0;
    return this.db.transaction().execute(async (trx) => {
      const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().skipLocked().executeTakeFirst();
      if (!head) return -1;
      const rows = await trx
        .selectFrom('audit_pending as p')
        .innerJoin('audit_log as l', 'l.seq', 'p.seq')
        .select(['l.seq', 'l.at', 'l.actor_user_id', 'l.actor_email', 'l.actor_country', 'l.action', 'l.object_type', 'l.object_id', 'l.ip', 'l.details'])
        .orderBy('p.seq')
        .limit(PAGE)
        .execute();
      if (!rows.length) return 0;
      let pos = Number(head.seq);
      let mac = head.hash;
      const seals = rows.map((r) => {
        pos++;
        mac = linkMac(key, mac, pos, rowContent(r));
        return { pos, seq: Number(r.seq), mac };
      });
      await trx.insertInto('audit_seal').values(seals).execute();
      await trx
        .deleteFrom('audit_pending')
        .where(
          'seq',
          'in',
          seals.map((s) => s.seq),
        )
        .execute();
      await trx.updateTable('audit_head').set({ seq: pos, hash: mac }).where('id', '=', 1).execute();
      return rows.length;
    });
  }

  /** Writes a signed checkpoint of the current head if it moved since this process's last one. */
  async checkpoint(): Promise<Checkpoint | null> {
    this.lastCheckpointAt = Date.now();
    const head = await this.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    if (!head || Number(head.seq) === this.lastCheckpointPos || Number(head.seq) === 0 || head.hash === GENESIS_HASH) return null;
    const cp = signCheckpoint(this.opts.key, { chain: this.opts.chain, pos: Number(head.seq), mac: head.hash, at: new Date().toISOString() });
    const file = this.checkpointFile;
    if (file) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const fd = fs.openSync(file, 'a', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(cp) + '\n');
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    this.opts.log?.({ auditCheckpoint: cp }, 'audit checkpoint');
    this.lastCheckpointPos = cp.pos;
    return cp;
  }
}

/** Checkpoints from JSON-lines text: checkpoint lines or structured log lines carrying `auditCheckpoint`. */
export function parseCheckpoints(text: string): { checkpoints: Checkpoint[]; unreadable: number[] } {
  const checkpoints: Checkpoint[] = [];
  const unreadable: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      unreadable.push(i + 1);
      return;
    }
    const o = obj as Record<string, unknown>;
    const cp = (o.auditCheckpoint ?? o) as Partial<Checkpoint>;
    if (typeof cp.chain === 'string' && typeof cp.pos === 'number' && typeof cp.mac === 'string' && typeof cp.sig === 'string' && typeof cp.at === 'string')
      checkpoints.push(cp as Checkpoint);
    else if (!('msg' in o)) unreadable.push(i + 1); // other log lines are fine; a bare line that is no checkpoint is not
  });
  return { checkpoints, unreadable };
}
