// Issue 14 item 0: text from files is cleaned before storage; errors are logged with message and stack.
import { describe, expect, it } from 'vitest';
import { cleanJson, cleanText, describeError, findBadText } from './text.js';

describe('cleanText / cleanJson', () => {
  it('removes every NUL (not only trailing ones) and replaces lone surrogates', () => {
    expect(cleanText('Nokia\0 2')).toBe('Nokia 2');
    expect(cleanText('\0\0abc\0')).toBe('abc');
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
    expect(cleanJson({ 'Ma\0ke': 'Nokia\0 2', list: ['x\0', 1, null], nested: { s: '\uDC00' } })).toEqual({
      Make: 'Nokia 2',
      list: ['x', 1, null],
      nested: { s: '\uFFFD' },
    });
  });

  it('finds the first field PostgreSQL would refuse, by path', () => {
    expect(findBadText({ label: 'ok', items: [{ name: 'fine' }, { name: 'bad\0' }] })).toBe('items[1].name');
    expect(findBadText({ label: 'ok' })).toBeNull();
  });
});

describe('describeError', () => {
  it('gives the message, code and stack, never [object Object]', () => {
    const err = Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
    const text = describeError(err);
    expect(text).toMatch(/^Error: unsupported Unicode escape sequence\n\s+at /);
    expect(text).toContain('(code 22P05)');
    expect(describeError({ message: 'plain object', severity: 'ERROR' })).toBe('{"message":"plain object","severity":"ERROR"}');
    expect(describeError({ message: 'x' })).not.toContain('[object Object]');
  });
});
