// Graceful shutdown: a request in flight gets its answer, a pre-connected socket that never sent a request
// does not hold the close for Node's 60 s headersTimeout.
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { trackConnections } from './drain.js';

describe('trackConnections', () => {
  it('lets the in-flight request finish and closes idle and pre-connected sockets at once', async () => {
    let release!: () => void;
    const started = new Promise<void>((r) => {
      release = r;
    });
    const server = http.createServer((req, res) => {
      release();
      setTimeout(() => res.end('finished'), 300);
    });
    const drainer = trackConnections(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;

    const preconnected = net.connect(port, '127.0.0.1');
    await new Promise((r) => preconnected.once('connect', r));
    const preconnectedClosed = new Promise((r) => preconnected.once('close', r));
    const answer = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
    await started;

    const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    const t0 = Date.now();
    await drainer.drain(closed);
    expect(await answer).toBe('finished');
    await preconnectedClosed;
    // Far below the 60 s headersTimeout that held close() before.
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('ends stragglers at the deadline', async () => {
    const server = http.createServer(() => {
      /* never answers */
    });
    const drainer = trackConnections(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const stuck = fetch(`http://127.0.0.1:${port}/`).then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((r) => setTimeout(r, 100));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await drainer.drain(closed, 200);
    expect(await stuck).toBe('cut');
  });
});
