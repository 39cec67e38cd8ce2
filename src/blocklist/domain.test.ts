// Domain normalisation: URLs cut to their host, case, port, trailing dot, IDN to punycode; IPs and bad labels refused.
import { describe, expect, it } from 'vitest';
import { normaliseDomain } from './domain.js';
import { BadRequestError } from '../shared/errors.js';

const reason = (input: string) => {
  try {
    normaliseDomain(input);
  } catch (e) {
    if (e instanceof BadRequestError) return String(e.details?.reason);
    throw e;
  }
  return 'accepted';
};

describe('normaliseDomain', () => {
  it('reduces what is typed or pasted to the host name', () => {
    const cases: Array<[string, string]> = [
      ['example-blocked.test', 'example-blocked.test'],
      ['  Example-Blocked.TEST  ', 'example-blocked.test'],
      ['https://Example-Blocked.test/gallery/1?page=2#top', 'example-blocked.test'],
      ['HTTP://user:pw@sub.example-blocked.test:8080/x', 'sub.example-blocked.test'],
      ['//cdn.example-blocked.test/a.jpg', 'cdn.example-blocked.test'],
      ['example-blocked.test.', 'example-blocked.test'],
      ['example-blocked.test:443', 'example-blocked.test'],
      ['münchen.example-blocked.test', 'xn--mnchen-3ya.example-blocked.test'],
      ['https://BÜCHER.test/', 'xn--bcher-kva.test'],
      ['例え。テスト', 'xn--r8jz45g.xn--zckzah'],
      ['ｅｘａｍｐｌｅ-blocked.test', 'example-blocked.test'],
      ['xn--mnchen-3ya.test', 'xn--mnchen-3ya.test'],
    ];
    for (const [input, want] of cases) expect(normaliseDomain(input), input).toBe(want);
  });

  it('refuses IP addresses, single labels, wildcards and invalid labels with the reason', () => {
    expect(reason('192.0.2.7')).toBe('an IP address');
    expect(reason('http://192.0.2.7:8080/x')).toBe('an IP address');
    expect(reason('[2001:db8::1]')).toBe('an IP address');
    expect(reason('http://[2001:db8::1]/x')).toBe('an IP address');
    expect(reason('2001:db8::1')).toBe('an IP address');
    expect(reason('0x7f.1')).toBe('an IP address');
    expect(reason('2130706433')).toBe('an IP address');
    expect(reason('１９２.0.2.7')).toBe('an IP address');
    expect(reason('localhost')).toMatch(/single label/);
    expect(reason('*.example-blocked.test')).toMatch(/wildcards/);
    expect(reason('bad_label.test')).toMatch(/"_"/);
    expect(reason('ex%41mple.test')).toMatch(/"%"/);
    expect(reason('-lead.test')).toMatch(/label "-lead"/);
    expect(reason('a..b.test')).toMatch(/empty label/);
    expect(reason('example.123')).toMatch(/numeric/);
    expect(reason(`${'a'.repeat(64)}.test`)).toMatch(/63/);
    expect(reason(`${'abcdefghi.'.repeat(26)}test`)).toMatch(/253/);
    expect(reason('two words.test')).toMatch(/white space/);
    expect(reason('   ')).toBe('empty');
    expect(reason('https:///path')).toBe('no host name');
    expect(reason('example.t3st')).toMatch(/top-level/);
  });
});
