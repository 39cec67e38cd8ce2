// Plain-JS entry for pool workers (src/shared/worker-pool.ts): registers tsx in this thread (worker threads do
// not inherit the parent's loader hooks) and then loads the TypeScript worker. Works under tsx and vitest.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
