// `npm start`: the server on the embedded database (demo data by default) or on DATABASE_URL.
import { ConfigError, loadConfig } from './config.js';
import { startSystem } from './server.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const system = await startSystem(config);
  const log = system.app.log;
  log.info({ url: `http://${config.host}:${config.port}`, database: system.ctx.database.kind, demo: config.demo }, 'ICSE started');
  if (!config.demo && (await system.ctx.identity.listCountries()).length === 0) {
    log.warn('no accounts exist: create the first administrator with `npx icse admin create`');
  }
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1);
    log.info({ signal }, 'shutting down: finishing in-flight requests and jobs');
    system.stop().then(() => process.exit(0), (err) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`icse: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
