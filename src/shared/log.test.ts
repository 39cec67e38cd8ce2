import { describe, expect, it } from 'vitest';
import { createLog } from './log.js';

describe('structured log', () => {
  it('writes pino-shaped JSON lines at or above the level, with the error described', async () => {
    const lines: string[] = [];
    const log = createLog('warn', (l) => lines.push(l));
    log.info('not shown');
    log.error('queue error', { queue: 'ingest.process', err: new Error('connection lost') });
    expect(await Promise.reject(new Error('disk full')).catch(log.failed('index snapshot', { index: 'media-pdq' }))).toBeUndefined();
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r.level, r.msg])).toEqual([
      [50, 'queue error'],
      [40, 'index snapshot failed'],
    ]);
    expect(rows[0]).toMatchObject({ queue: 'ingest.process' });
    expect(String(rows[0]!.err)).toContain('connection lost');
    expect(rows[1]).toMatchObject({ index: 'media-pdq' });
    expect(String(rows[1]!.err)).toContain('disk full');
  });

  it('silent writes nothing', () => {
    const lines: string[] = [];
    createLog('silent', (l) => lines.push(l)).error('x');
    expect(lines).toEqual([]);
  });
});
