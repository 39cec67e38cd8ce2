// `icse audit verify`: walks the hash chain and reports the first broken link (exit 1).
import { loadConfig } from '../config.js';
import { closeContext, createContext } from '../context.js';
import { verifyAuditChain } from './audit.js';

export async function runAuditCommand(args: string[]): Promise<number> {
  if (args[0] !== 'verify') {
    process.stderr.write('usage: icse audit verify\n');
    return 2;
  }
  const ctx = await createContext(loadConfig(), { startJobs: false });
  try {
    const r = await verifyAuditChain(ctx.db);
    if (r.ok) {
      process.stdout.write(`audit chain intact: ${r.rows} rows, head at ${r.headSeq}\n`);
      return 0;
    }
    process.stdout.write(`audit chain BROKEN at row ${r.brokenAtSeq}: ${r.reason} (${r.rows} rows verified before it)\n`);
    return 1;
  } finally {
    await closeContext(ctx);
  }
}
