// Graceful shutdown of the HTTP server. Node's server.close() only closes connections that are idle between
// requests; a socket opened but not yet sent a request (browsers pre-connect) counts as busy and holds close()
// until headersTimeout (60 s). This tracks requests per socket so that, once closing, every socket without a
// request in flight is destroyed, while requests already running finish; a deadline ends the stragglers.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface Drainer {
  drain(closing: Promise<unknown>, deadlineMs?: number): Promise<void>;
}

export function trackConnections(server: Server): Drainer {
  const busy = new Map<Socket, number>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    busy.set(socket, 0);
    socket.once('close', () => busy.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (busy.get(socket) ?? 1) - 1;
      busy.set(socket, left);
      if (closing && left === 0) socket.destroy();
    });
  });
  const destroyIdle = () => {
    for (const [socket, n] of busy) if (n === 0) socket.destroy();
  };
  return {
    async drain(done, deadlineMs = 30_000) {
      closing = true;
      destroyIdle();
      const sweep = setInterval(destroyIdle, 100);
      const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
      try {
        await done;
      } finally {
        clearInterval(sweep);
        clearTimeout(deadline);
      }
    },
  };
}
