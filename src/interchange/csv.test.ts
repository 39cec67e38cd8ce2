import { describe, expect, it } from 'vitest';
import { CsvParser, csvField, csvRecords, detectDelimiter } from './csv.js';

describe('csvRecords', () => {
  it('reads RFC 4180 quoting and keeps the line each record starts on', () => {
    expect(csvRecords('\uFEFFa,b\n"x,1","say ""hi"""\n\n c , d \n"two\nlines",z\nlast,')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x,1', 'say "hi"'] },
      { line: 4, cells: ['c', 'd'] },
      { line: 5, cells: ['two\nlines', 'z'] },
      { line: 7, cells: ['last', ''] },
    ]);
  });

  it('skips comment lines only when asked, and detects the separator', () => {
    const text = '# exported 2026-12-01\nMD5;name\r\n  # a note\r\nab;"x;y.jpg"\r\n';
    expect(csvRecords(text, { comments: true })).toEqual([
      { line: 2, cells: ['MD5', 'name'] },
      { line: 4, cells: ['ab', 'x;y.jpg'] },
    ]);
    expect(csvRecords(text, { delimiter: ';' })[0]).toEqual({ line: 1, cells: ['# exported 2026-12-01'] });
    expect(csvRecords('"#not a comment",1\n', { comments: true })).toEqual([{ line: 1, cells: ['#not a comment', '1'] }]);
    expect(detectDelimiter('md5\tsha1\tname')).toBe('\t');
    expect(detectDelimiter('md5|name')).toBe('|');
    expect(detectDelimiter('md5')).toBe(',');
  });

  it('reports an unterminated quoted field with its line, through the given error', () => {
    class Bad extends Error {}
    expect(() => csvRecords('a,b\nc,"open\nmore\n')).toThrow(/unterminated quoted field starting on line 2/);
    expect(() => csvRecords('"x', { error: (m) => new Bad(m) })).toThrow(Bad);
  });

  it('reads back what csvField writes', () => {
    const cells = ['plain', 'a;b', 'say "hi"', 'two\nlines', ''];
    expect(csvRecords(cells.map((c) => csvField(c, ';')).join(';') + '\n', { delimiter: ';' })).toEqual([{ line: 1, cells }]);
  });
});

describe('CsvParser (issue 14 item 9: streaming, linear time)', () => {
  it('gives the same records whatever the chunking, quotes, CRLF and comments split across chunks', () => {
    const text = '\uFEFF# list\r\nmd5;name\r\n  # note\r\nab;"x;""y""\r\nz.jpg"\r\ncd;plain\r\n"open;quote";\r\nlast;';
    const whole = csvRecords(text, { comments: true });
    expect(whole.map((r) => r.cells)).toEqual([
      ['md5', 'name'],
      ['ab', 'x;"y"\nz.jpg'],
      ['cd', 'plain'],
      ['open;quote', ''],
      ['last', ''],
    ]);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const p = new CsvParser({ comments: true });
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
      out.push(...p.end());
      expect(out, `chunks of ${size}`).toEqual(whole);
    }
  });

  it('reads a 200 KB one-line list (40 s with the quadratic reader) at once', () => {
    const cells = Array.from({ length: 3000 }, (_, i) => i.toString(16).padStart(64, '0'));
    const started = performance.now();
    const r = csvRecords(cells.join(','));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r).toHaveLength(1);
    expect(r[0]!.cells).toEqual(cells);
  });
});
