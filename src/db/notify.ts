// LISTEN for a channel whose payload names the schema (one server may hold many schemas: tests use one
// each). On the server: a dedicated connection that reconnects after an error; on PGlite: its own listen.
import pg from 'pg';
import type { Database } from './database.js';
import { createLog, type Log } from '../shared/log.js';

export function channelListener(database: Database, databaseUrl: string | null, channel: string, log: Log = createLog('info')) {
  return async (onNotify: () => void): Promise<() => Promise<void>> => {
    if (database.pglite) {
      const unsub = await database.pglite.listen(channel, (payload) => {
        if (!payload || payload === database.schema) onNotify();
      });
      return async () => {
        await unsub();
      };
    }
    let client: pg.Client | null = null;
    let closed = false;
    let retry: NodeJS.Timeout | null = null;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: databaseUrl! });
      c.on('notification', (m) => {
        if (m.channel === channel && (!m.payload || m.payload === database.schema)) onNotify();
      });
      c.on('error', (err) => {
        if (closed || client !== c) return;
        client = null;
        log.warn('the notification connection failed; reconnecting', { channel, err });
        void c.end().catch(log.failed('closing the failed notification connection', { channel }));
        reconnect();
        onNotify(); // catch up on whatever was missed while connecting again
      });
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
    };
    // Until a connection holds, try again every second (polling covers the gap).
    const reconnect = () => {
      retry = setTimeout(() => {
        connect().catch((err: unknown) => {
          log.warn('reconnecting for notifications failed; trying again', { channel, err });
          if (!closed) reconnect();
        });
      }, 1000);
      retry.unref();
    };
    await connect();
    return async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(log.failed('closing the notification connection', { channel }));
      client = null;
    };
  };
}
