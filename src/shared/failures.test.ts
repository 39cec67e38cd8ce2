import { describe, expect, it } from 'vitest';
import { cleanupAfter, nullIfMissing, settled } from './failures.js';
import { describeError } from './text.js';
import fsp from 'node:fs/promises';

describe('named failure handling', () => {
  it('nullIfMissing answers null for ENOENT only', async () => {
    expect(await fsp.stat('/no/such/file/here').catch(nullIfMissing)).toBeNull();
    await expect(fsp.readFile('/').catch(nullIfMissing)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('settled waits for a rejected promise without throwing', async () => {
    let done = false;
    await settled(
      new Promise((_, reject) =>
        setTimeout(() => {
          done = true;
          reject(new Error('x'));
        }, 5),
      ),
    );
    expect(done).toBe(true);
    await settled(null);
  });

  it('cleanupAfter keeps the original error and records a failed cleanup on it, which describeError prints', async () => {
    const err = new Error('upload failed');
    await cleanupAfter(err, async () => {
      throw new Error('delete failed');
    });
    expect(describeError(err)).toMatch(/upload failed[\s\S]*cleanup failed too: Error: delete failed/);
    const ok = new Error('plain');
    await cleanupAfter(ok, async () => undefined);
    expect(describeError(ok)).not.toMatch(/cleanup/);
    expect(describeError(new Error('outer', { cause: new Error('inner') }))).toMatch(/outer[\s\S]*caused by: Error: inner/);
  });
});
