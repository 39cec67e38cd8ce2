// `icse serve [--role api|worker|all]` (and `npm start`): runs one process of the system until SIGINT/SIGTERM.
// api: HTTP without job workers; worker: job workers with /health only; all (default): both. Any number of
// each may run against one PostgreSQL server (the embedded database allows one process per data dir).
import { jpegDecoderName } from './imaging/index.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startSystem } from './server.js';

const ROLES = ['api', 'worker', 'all'] as const;

export async function runServeCommand(args: string[]): Promise<number> {
  let role: Config['role'] | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = a.startsWith('--role=') ? a.slice(7) : a === '--role' ? args[++i] : undefined;
    if (value === undefined) {
      process.stderr.write(`unknown argument ${a}\nusage: icse serve [--role api|worker|all]\n`);
      return 2;
    }
    if (!(ROLES as readonly string[]).includes(value)) {
      process.stderr.write(`--role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(value)})\n`);
      return 2;
    }
    role = value as Config['role'];
  }
  let config: Config;
  try {
    config = loadConfig(process.env, role ? { role } : {});
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (config.role !== 'all' && !config.databaseUrl) {
    process.stderr.write(
      `note: role ${config.role} on the embedded database: PGlite allows one process per data dir, so the other roles cannot run beside it\n`,
    );
  }
  const system = await startSystem(config);
  const log = system.app.log;
  log.info(
    { url: `http://${config.host}:${config.port}`, database: system.ctx.database.kind, demo: config.demo, role: config.role, jpegDecoder: jpegDecoderName() },
    'ICSE started',
  );
  if (!config.demo && config.role !== 'worker' && (await system.ctx.identity.listCountries()).length === 0) {
    log.warn('no accounts exist: create the first administrator with `npx icse admin create`');
  }
  return new Promise<number>((resolve) => {
    let signals = 0;
    const shutdown = (signal: string) => {
      if (++signals > 1) process.exit(1);
      log.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
      system.stop().then(
        () => resolve(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  });
}
