// Background job workers of every module, started with the server.
import type { AppContext } from './context.js';
import { startIngestWorker } from './seizures/worker.js';

export type WorkerStarter = (ctx: AppContext) => Promise<void>;
export const workerStarters: WorkerStarter[] = [startIngestWorker];

export async function startWorkers(ctx: AppContext): Promise<void> {
  for (const start of workerStarters) await start(ctx);
}
