// Starting and stopping the whole system: context, demo data, workers, HTTP.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { closeContext, createContext, type AppContext, type ContextOptions } from './context.js';
import { buildApp } from './http/app.js';
import { seedDemo } from './demo/seed.js';
import { seedDemoMedia } from './demo/media-demo.js';
import { seedDemoServices } from './demo/services-demo.js';
import { startWorkers } from './workers.js';
import { trackConnections } from './http/drain.js';
import { buildWorkerApp } from './http/worker-app.js';
import { channelListener } from './db/notify.js';
import { INDEX_CHANNEL } from './matchservice/replica.js';
import { PROCESS_QUEUE } from './seizures/upload.js';

const SENT_QUEUES = [PROCESS_QUEUE];

export interface RunningSystem {
  ctx: AppContext;
  app: FastifyInstance;
  stop(): Promise<void>;
}

export async function startSystem(config: Config, opts: Omit<ContextOptions, 'startJobs'> & { listen?: boolean } = {}): Promise<RunningSystem> {
  const ctx = await createContext(config, { memoryDb: opts.memoryDb, template: opts.template, hashPool: opts.hashPool });
  try {
    if (config.demo) await seedDemo(ctx);
    const demoUsers = await ctx.identity.countDemoUsers();
    if (config.mode === 'production' && demoUsers > 0) {
      throw new Error(`refusing to start in production mode: ${demoUsers} demo accounts exist in this database`);
    }
    // Every role seals the audit chain (sealers take turns) and follows index changes of every process.
    ctx.audit.sealer.start(ctx.log);
    ctx.onClose.push(() => ctx.audit.sealer.stop());
    const feed = ctx.matcher.feed;
    // A failed index load or subscription is logged with its cause (the server keeps running).
    const following = ctx.matcher
      .start()
      .then(() => feed.follow(channelListener(ctx.database, config.databaseUrl, INDEX_CHANNEL, ctx.log), 1000, ctx.log))
      .catch(ctx.log.failed('loading the match index and following its changes'));
    ctx.onClose.push(async () => {
      await following;
      await feed.stop();
    });
    // api: HTTP without job workers; worker: job workers and /health only; all: both.
    if (config.role !== 'api') await startWorkers(ctx);
    // Queues an API process sends to inside transactions must exist first (a worker creates them when it starts).
    else for (const q of SENT_QUEUES) await ctx.jobs.ensureQueue(q);
    const app = config.role === 'worker' ? await buildWorkerApp(ctx) : await buildApp(ctx);
    const connections = trackConnections(app.server);
    if (opts.listen !== false) await app.listen({ host: config.host, port: config.port });
    else await app.ready();
    // Demo media go through the real ingest pipeline, which takes a while: seed them after the server is up.
    let seeding: Promise<void> = Promise.resolve();
    const stopSeeding = new AbortController();
    if (config.demoMedia && opts.listen !== false && config.role === 'all') {
      seeding = seedDemoMedia(ctx, (msg) => app.log.info(msg), stopSeeding.signal)
        .then(() => seedDemoServices(ctx))
        .catch((err: unknown) => app.log.warn({ err }, 'demo media seeding stopped'));
    }
    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        stopSeeding.abort();
        await connections.drain(app.close()); // in-flight requests finish, idle sockets close at once
        await seeding; // its failure is logged where it is made
        await closeContext(ctx); // workers finish their jobs, then the database closes
      })());
    return { ctx, app, stop };
  } catch (err) {
    await closeContext(ctx).catch(ctx.log.failed('closing after a failed start'));
    throw err;
  }
}
