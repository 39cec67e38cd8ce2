// `npm run test:crash [-- --n 2000]`: the full-size crash scenario (see crash.ts); exits 1 on any difference.
import { runCrashScenario } from './crash.js';

const i = process.argv.indexOf('--n');
const n = i > 0 ? Number(process.argv[i + 1]) : 2000;
const r = await runCrashScenario({ n, chunk: 100, log: (m) => process.stderr.write(`${m}\n`) });
const diff = Object.keys(r.reference.byPath).filter((p) => r.interrupted.byPath[p] !== r.reference.byPath[p]);
process.stdout.write(
  `crash: n=${r.n} killed_after=${r.killedAfterFiles} items_before_kill=${r.itemsBeforeKill} processed_before_kill=${r.processedBeforeKill} ` +
    `items=${r.interrupted.count} distinct=${r.interrupted.distinctPaths} reference=${r.reference.count} equal=${r.equal} differing=${diff.length} seconds=${r.seconds.toFixed(1)}\n`,
);
for (const p of diff.slice(0, 20)) process.stdout.write(`  ${p}: ${r.interrupted.byPath[p]} vs ${r.reference.byPath[p]}\n`);
process.exit(r.equal && r.interrupted.count === r.n && r.interrupted.distinctPaths === r.n ? 0 : 1);
