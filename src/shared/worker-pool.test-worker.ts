// Worker for worker-pool.test.ts: echoes, crashes on request, and reports the last broadcast state it holds.
import { parentPort } from 'node:worker_threads';

const port = parentPort!;
let state: unknown = null;
port.on('message', (msg: { id?: number; op?: string; state?: unknown; value?: number }) => {
  if (msg.op === 'state') {
    state = msg.state;
    return;
  }
  if (msg.op === 'crash') process.exit(3);
  if (msg.op === 'slow') setTimeout(() => port.postMessage({ id: msg.id, value: msg.value, state }), 200);
  else port.postMessage({ id: msg.id, value: msg.value, state });
});
port.postMessage({ ready: true });
