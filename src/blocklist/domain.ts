// Domain normalisation for the block list (pure, no network): what an access provider blocks is a host name,
// so a URL is cut down to its host, lower-cased, stripped of port and trailing dot, and an internationalised
// name is stored as punycode (node:url domainToASCII, the WHATWG/UTS 46 mapping). IP addresses, single labels,
// wildcards and characters outside letters, digits and hyphens are refused with the reason.
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { BadRequestError } from '../shared/errors.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function refuse(input: string, reason: string): never {
  throw new BadRequestError(`not a domain name (${reason}): ${JSON.stringify(input.slice(0, 200))}`, { input: input.slice(0, 200), reason });
}

/** The host part of what was typed or pasted: no scheme, user, path, query, fragment or port. */
function hostOf(input: string): string {
  let s = input.trim();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^\/\//, '');
  s = s.split(/[/?#\\]/)[0] ?? '';
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  if (s.startsWith('[') || isIP(s)) refuse(input, 'an IP address');
  const port = /^(.*):(\d*)$/.exec(s);
  if (port) s = port[1]!;
  if (s.includes(':')) refuse(input, isIP(s) ? 'an IP address' : 'a colon is not part of a domain name');
  return s;
}

/** The canonical form stored and distributed, e.g. 'HTTPS://München.Example-Blocked.test:8443/a?b' -> 'xn--mnchen-3ya.example-blocked.test'. */
export function normaliseDomain(input: string): string {
  if (!input.trim()) refuse(input, 'empty');
  if (/\s/.test(input.trim())) refuse(input, 'contains white space');
  let host = hostOf(input).replace(/\.$/, '');
  if (!host) refuse(input, 'no host name');
  if (isIP(host)) refuse(input, 'an IP address');
  // ASCII other than letters, digits, dot and hyphen is never valid (wildcards, underscores, percent-escapes).
  const bad = host.match(/[\x00-\x2c\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/);
  if (bad) refuse(input, bad[0] === '*' ? 'wildcards are not accepted: list each domain' : `the character ${JSON.stringify(bad[0])} is not allowed`);
  const labels0 = host.split('.');
  if (/^\d+$/.test(labels0[labels0.length - 1] ?? '')) refuse(input, isIP(domainToASCII(host)) ? 'an IP address' : 'the top-level label is numeric');
  const ascii = domainToASCII(host).replace(/\.$/, '');
  if (!ascii) refuse(input, 'invalid internationalised name');
  if (isIP(ascii)) refuse(input, 'an IP address');
  host = ascii;
  if (host.length > 253) refuse(input, 'longer than 253 characters');
  const labels = host.split('.');
  if (labels.length < 2) refuse(input, 'a single label: give the full domain, e.g. name.tld');
  for (const l of labels) {
    if (!l) refuse(input, 'an empty label');
    if (l.length > 63) refuse(input, `the label ${l.slice(0, 20)}… is longer than 63 characters`);
    if (!LABEL.test(l)) refuse(input, `the label ${JSON.stringify(l)} is not letters, digits and inner hyphens`);
  }
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/.test(labels[labels.length - 1]!)) refuse(input, 'the top-level label is not alphabetic');
  return host;
}
