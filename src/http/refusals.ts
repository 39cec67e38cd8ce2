// Refused reads and writes (403, or 404 on a record the caller may not see) leave an audit row, so probing
// is visible to the DPO (issue 14, item 17). Per principal, at most `perWindow` rows per window; the first
// refusal past the limit writes one "suppressed" row and the next recorded row says how many were dropped,
// so a prober cannot flood the log but the log still shows that probing went on.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/types.js';
import type { DomainError } from '../shared/errors.js';
import { recordAudit } from '../audit/audit.js';

interface Window {
  start: number;
  recorded: number;
  suppressed: number;
}

export class RefusalLog {
  private readonly windows = new Map<number | string, Window>();

  constructor(
    private readonly db: Db,
    private readonly perWindow = Number(process.env.ICSE_REFUSAL_AUDIT_PER_MINUTE ?? 20),
    private readonly windowMs = 60_000,
    private readonly now = () => Date.now(),
  ) {}

  async record(req: FastifyRequest, err: DomainError): Promise<void> {
    const p = req.principal;
    if (!p) return;
    const key = p.userId || p.email;
    const t = this.now();
    let w = this.windows.get(key);
    let dropped = 0;
    if (!w || t - w.start >= this.windowMs) {
      dropped = w?.suppressed ?? 0;
      w = { start: t, recorded: 0, suppressed: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (t - v.start >= this.windowMs) this.windows.delete(k);
    }
    if (w.recorded >= this.perWindow) {
      w.suppressed++;
      if (w.suppressed > 1) return;
    } else w.recorded++;
    const route = req.routeOptions.url ?? req.url.split('?')[0];
    const action = w.suppressed === 1 && w.recorded >= this.perWindow ? 'access.refused.suppressed' : 'access.refused';
    try {
      await this.db.transaction().execute((trx) =>
        recordAudit(trx, p, {
          action,
          objectType: 'route',
          objectId: `${req.method} ${route}`,
          details: {
            status: err.status,
            code: err.code,
            message: err.message,
            path: req.url.split('?')[0],
            params: (req.params ?? {}) as Record<string, unknown>,
            ...(req.routeOptions.config?.action ? { routeAction: req.routeOptions.config.action } : {}),
            ...(action === 'access.refused.suppressed' ? { limit: this.perWindow, windowSeconds: this.windowMs / 1000 } : {}),
            ...(dropped ? { suppressedInPreviousWindow: dropped } : {}),
          },
        }),
      );
    } catch (e) {
      req.log.error({ err: e }, 'could not audit a refused request');
    }
  }
}
