// `npm start`: the server on the embedded database (demo data by default) or on DATABASE_URL; the same as
// `icse serve` (ICSE_ROLE or --role api|worker|all picks the process role).
import { runServeCommand } from './serve-command.js';

runServeCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`icse: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
