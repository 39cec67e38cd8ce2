// An upload cut off by the client (navigation away, network cut) records no error for the file it was sending:
// the seizure holds only what arrived, and sending the file again completes it.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { sceneJpeg } from '../demo/scenes.js';
import { newCase, newSeizure, upload, waitComplete } from './testkit.js';

const FR = 'fr.investigator@demo.icse';
let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
  await sys.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await sys?.close();
});

describe('interrupted upload', () => {
  it('keeps no error for the file being sent when the connection drops, and takes it again later', async () => {
    const seizure = await newSeizure(sys, FR, await newCase(sys, FR, 'CUT-1'), 'cut');
    const cookie = await sys.login(FR);
    const data = await sceneJpeg(701, 1600, 1200);
    const boundary = 'cutboundary';
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`;
    const total = Buffer.byteLength(head) + data.length + `\r\n--${boundary}--\r\n`.length;
    const port = (sys.app.server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(
          `POST /api/v1/seizures/${seizure}/files HTTP/1.1\r\nhost: 127.0.0.1\r\ncookie: icse_session=${cookie}\r\n` +
            `content-type: multipart/form-data; boundary=${boundary}\r\ncontent-length: ${total}\r\n\r\n${head}`,
        );
        s.write(data.subarray(0, Math.floor(data.length / 2)));
        // Half the picture sent, then the network goes.
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 300);
      });
      s.on('error', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 1000));
    const items = (
      await sql<{ status: string; error_reason: string | null }>`SELECT status, error_reason FROM seizure_items WHERE seizure_id = ${seizure}`.execute(
        sys.ctx.db,
      )
    ).rows;
    expect(items).toEqual([]);
    expect((await sys.api('GET', `/api/v1/seizures/${seizure}`, { as: FR })).json().counts.error).toBe(0);

    // Resumed: the same file, whole this time.
    expect((await upload(sys, FR, seizure, [{ name: 'big.jpg', data }])).json()).toMatchObject({ added: 1, errors: 0 });
    const done = await waitComplete(sys, FR, seizure);
    expect(done.counts).toMatchObject({ items: 1, error: 0, new: 1 });
  });
});
