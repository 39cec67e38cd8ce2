// ffmpeg reads a stored video through this: a one-object HTTP server on 127.0.0.1 under a random path,
// answering byte ranges from the store (decrypted and authenticated chunk by chunk), so the container can
// be demuxed with seeks (an MP4's index is often at the end, which a plain pipe cannot reach) and the
// plaintext never touches the disk. It lives as long as one hashing run.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { MediaObject } from './store.js';
import { parseRange } from './range.js';

export async function serveOnLoopback(obj: MediaObject): Promise<{ url: string; close: () => Promise<void> }> {
  const token = '/' + randomBytes(24).toString('hex');
  const server = http.createServer((req, res) => {
    if (req.url !== token || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    const r = parseRange(req.headers.range, obj.size);
    if (r.kind === 'unsatisfiable') {
      res.writeHead(416, { 'content-range': `bytes */${obj.size}` }).end();
      return;
    }
    const [start, end] = r.kind === 'partial' ? [r.start, r.end] : [0, obj.size - 1];
    res.writeHead(r.kind === 'partial' ? 206 : 200, {
      'accept-ranges': 'bytes',
      'content-length': String(end - start + 1),
      'content-type': 'application/octet-stream',
      ...(r.kind === 'partial' ? { 'content-range': `bytes ${start}-${end}/${obj.size}` } : {}),
    });
    if (req.method === 'HEAD' || end < start) {
      res.end();
      return;
    }
    // ffmpeg drops connections when it seeks: a closed response just ends the read.
    obj
      .stream(start, end)
      .then((s) => pipeline(s, res))
      .catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
