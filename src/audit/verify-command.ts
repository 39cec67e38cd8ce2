// `icse audit verify [--checkpoints FILE]…`: walks the keyed chain, checks it against the signed checkpoints
// (the data dir's file, plus any given file: checkpoint lines or the structured log) and reports the first
// broken link (exit 1). The key is the server's: ICSE_AUDIT_KEY or the data dir's audit.key.
import { loadConfig } from '../config.js';
import { closeContext, createContext } from '../context.js';
import { verifyAuditChain } from './verify.js';

export async function runAuditCommand(args: string[]): Promise<number> {
  const files: string[] = [];
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--checkpoints' && args[i + 1]) files.push(args[++i]!);
    else {
      process.stderr.write(`unknown argument ${args[i]}\n`);
      return 2;
    }
  }
  if (args[0] !== 'verify') {
    process.stderr.write('usage: icse audit verify [--checkpoints FILE]…\n');
    return 2;
  }
  const ctx = await createContext(loadConfig(), { startJobs: false });
  try {
    const r = await verifyAuditChain(ctx.db, { key: ctx.audit.key, chain: ctx.audit.chain, checkpointFiles: [ctx.audit.checkpointFile, ...files] });
    const pending = r.unsealed ? `; ${r.unsealed} rows not sealed yet (oldest ${r.oldestUnsealedAt})` : '';
    if (r.ok) {
      process.stdout.write(`audit chain intact: ${r.rows} rows sealed, head at position ${r.headSeq}, ${r.checkpoints} checkpoints agree${pending}\n`);
      return 0;
    }
    process.stdout.write(
      `audit chain BROKEN${r.brokenAtPos != null ? ` at position ${r.brokenAtPos}` : ''}: ${r.reason} (${r.rows} rows verified before it)${pending}\n`,
    );
    return 1;
  } finally {
    await closeContext(ctx);
  }
}
