import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { expand, safeEntryName, type ExpandSink } from './archive.js';
import { buildTar, buildZip } from './fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-arch-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const scratch = () => path.join(dir, `s${++n}`);

async function run(name: string, data: Buffer, limits = {}) {
  const files: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const sink: ExpandSink = {
    async file(p, s) {
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      files[p] = Buffer.concat(chunks).toString();
    },
    async error(p, reason) {
      errors[p] = reason;
    },
  };
  await expand(name, Readable.from([data]), sink, { scratch, limits });
  return { files, errors };
}

describe('archive expansion', () => {
  it('cleans names and refuses traversal', () => {
    expect(safeEntryName('a/./b//c.jpg')).toBe('a/b/c.jpg');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:\\x', '..\\x']) expect(safeEntryName(bad)).toBeNull();
  });

  it('expands zip with per-entry errors for traversal and bombs, nested tar inside', async () => {
    const inner = await buildTar([{ name: 'deep/one.txt', data: Buffer.from('one') }]);
    const zip = buildZip([
      { name: 'a.txt', data: Buffer.from('alpha') },
      { name: 'dir/', data: Buffer.alloc(0) },
      { name: '../evil.txt', data: Buffer.from('evil') },
      { name: 'bomb.bin', data: Buffer.alloc(20 * 1024 * 1024), deflate: true },
      { name: 'inner.tar', data: inner },
      { name: 'b.txt', data: Buffer.from('beta'), deflate: true },
    ]);
    const r = await run('up.zip', zip);
    expect(r.files).toEqual({ 'up.zip/a.txt': 'alpha', 'up.zip/inner.tar/deep/one.txt': 'one', 'up.zip/b.txt': 'beta' });
    expect(r.errors).toEqual({ 'up.zip/../evil.txt': 'path_traversal', 'up.zip/bomb.bin': 'zip_bomb' });
    expect(fs.readdirSync(dir)).toEqual([]); // staging removed
  });

  it('limits nesting depth, entry count and reports damaged archives', async () => {
    const l3 = buildZip([{ name: 'x.txt', data: Buffer.from('x') }]);
    const l2 = buildZip([{ name: 'l3.zip', data: l3 }]);
    const r = await run('l1.zip', buildZip([{ name: 'l2.zip', data: l2 }]));
    expect(r.errors).toEqual({ 'l1.zip/l2.zip/l3.zip': 'nested_too_deep' });
    const many = await run('m.tar', await buildTar([1, 2, 3].map((i) => ({ name: `f${i}`, data: Buffer.from(String(i)) }))), { maxEntries: 2 });
    expect(Object.keys(many.files)).toHaveLength(2);
    expect(many.errors['m.tar/f3']).toBe('too_many_entries');
    const broken = buildZip([{ name: 'a.txt', data: Buffer.from('alpha') }]).subarray(0, 40);
    const b = await run('broken.zip', broken);
    expect(b.errors).toEqual({ 'broken.zip': 'corrupt_archive' });
  });

  it('expands tar.gz and refuses traversal in tar', async () => {
    const t = await buildTar([
      { name: 'ok.txt', data: Buffer.from('ok') },
      { name: '../../up.txt', data: Buffer.from('no') },
    ]);
    const r = await run('s.tar.gz', zlib.gzipSync(t));
    expect(r.files).toEqual({ 's.tar.gz/ok.txt': 'ok' });
    expect(r.errors).toEqual({ 's.tar.gz/../../up.txt': 'path_traversal' });
  });
});
