import { describe, expect, it } from 'vitest';
import { parseHashCsv } from './upload.js';
import { triageCsv, type TriageRow } from './triage.js';

describe('hash list CSV', () => {
  it('reads comma or semicolon lists with a header, quotes and a BOM', () => {
    expect(parseHashCsv('\uFEFFname,MD5,sha256\n"a.jpg",AB,\n\n# comment\nb.jpg,,cd\n')).toEqual([
      { name: 'a.jpg', md5: 'AB', sha256: '' },
      { name: 'b.jpg', md5: '', sha256: 'cd' },
    ]);
    expect(parseHashCsv('pdq;name\nff;x\n')).toEqual([{ pdq: 'ff', name: 'x' }]);
    expect(() => parseHashCsv('foo,bar\n1,2\n')).toThrow(/header/);
  });

  it('keeps a quoted file name with the separator or a quote in it as one cell', () => {
    expect(parseHashCsv('name,md5\n"holiday, day 2.jpg",ab\n"say ""cheese"".jpg",cd\n')).toEqual([
      { name: 'holiday, day 2.jpg', md5: 'ab' },
      { name: 'say "cheese".jpg', md5: 'cd' },
    ]);
    expect(() => parseHashCsv('name,md5\n"open,ab\n')).toThrow(/unterminated quoted field starting on line 2/);
  });
});

describe('triage CSV', () => {
  it('quotes fields and neutralises spreadsheet formulas in file names', () => {
    const row = {
      itemId: 1,
      path: '=HYPERLINK("x")',
      kind: 'file',
      status: 'done',
      result: 'new',
      sha256: null,
      md5: null,
      note: 'a, b',
      error: null,
      mediaId: 3,
      known: null,
    } as unknown as TriageRow;
    const lines = triageCsv([row]).trim().split('\n');
    expect(lines[1]).toBe(`1,"'=HYPERLINK(""x"")",done,new,,,"a, b",,,3,,,,,,,,,,,,`);
  });
});
