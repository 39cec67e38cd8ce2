// Worker side of the hashing pool: hashes one file per message with hashImage.
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { ImageDecodeError } from './errors.js';
import { hashImage, type HashImageOptions } from './hash-image.js';

export interface HashRequest {
  id: number;
  path: string;
  options: HashImageOptions;
}
export type HashReply =
  | { id: number; ok: true; result: Awaited<ReturnType<typeof hashImage>> }
  | { id: number; ok: false; error: { reason: ImageDecodeError['reason']; message: string; path?: string } };

const port = parentPort;
if (!port) throw new Error('src/imaging/worker.ts must run in a worker thread');

const wd = workerData as { sharpConcurrency?: number } | undefined;
if (wd?.sharpConcurrency) sharp.concurrency(wd.sharpConcurrency);

port.on('message', (req: HashRequest) => {
  hashImage(req.path, req.options).then(
    (result) => port.postMessage({ id: req.id, ok: true, result } satisfies HashReply),
    (err: unknown) => {
      const e = err instanceof ImageDecodeError ? err : new ImageDecodeError('corrupt', err instanceof Error ? err.message : String(err), { path: req.path });
      port.postMessage({ id: req.id, ok: false, error: e.toJSON() } satisfies HashReply);
    },
  );
});
port.postMessage({ ready: true });
