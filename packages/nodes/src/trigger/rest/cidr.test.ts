import { describe, expect, it } from 'vitest';
import { createCidrSet, parseCidr, parseIp } from './cidr';

describe('parseIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:8443', '2001:db8::1'],
    ['203.0.113.7:51000', '203.0.113.7'],
    ['fe80::1%eth0', 'fe80::1'],
    [' 198.51.100.2 ', '198.51.100.2'],
  ])('reads %j as %s', (text, expected) => {
    expect(parseIp(text)?.toString()).toBe(expected);
  });

  it.each(['', 'unknown', '10.0.0', '0x0a.0.0.1', '010.0.0.1', '1.2.3.4.5', '2130706433', '::g'])(
    'refuses %j',
    (text) => {
      expect(parseIp(text)).toBeNull();
    },
  );
});

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0', 8],
    ['203.0.113.7', '203.0.113.7', 32],
    ['0.0.0.0/0', '0.0.0.0', 0],
    ['2001:db8::/32', '2001:db8::', 32],
    ['2001:db8::1', '2001:db8::1', 128],
    ['::ffff:10.0.0.0/104', '10.0.0.0', 8],
  ])('parses %s', (text, network, bits) => {
    const parsed = parseCidr(text);
    expect(parsed.ok && [parsed.range.network.toString(), parsed.range.bits]).toEqual([
      network,
      bits,
    ]);
  });

  it.each([
    ['10.0.0/8', 'not an IPv4 or IPv6'],
    ['10.0.0.0/33', 'prefix length must be 0-32'],
    ['2001:db8::/129', 'prefix length must be 0-128'],
    ['10.0.0.0/x', 'prefix length'],
    ['10.0.0.0/8/8', 'not an IPv4'],
    ['fe80::1%eth0/128', 'not an IPv4'],
    ['10.1.2.3/8', 'did you mean 10.0.0.0/8?'],
    ['2001:db8::1/64', 'did you mean 2001:db8::/64?'],
    ['', 'not an IPv4'],
  ])('refuses %j', (text, message) => {
    const parsed = parseCidr(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('createCidrSet', () => {
  const set = createCidrSet(['203.0.113.0/24', '2001:db8:1::/48', '198.51.100.9']);
  const has = (text: string) => set.contains(parseIp(text)!);

  it('matches IPv4, IPv6 and single addresses', () => {
    expect([has('203.0.113.1'), has('203.0.114.1')]).toEqual([true, false]);
    expect([has('2001:db8:1:ff::5'), has('2001:db8:2::5')]).toEqual([true, false]);
    expect([has('198.51.100.9'), has('198.51.100.10')]).toEqual([true, false]);
  });

  it('matches an IPv4-mapped IPv6 client against IPv4 ranges', () => {
    expect(has('::ffff:203.0.113.77')).toBe(true);
  });

  it('never matches across families', () => {
    expect(createCidrSet(['::/0']).contains(parseIp('10.0.0.1')!)).toBe(false);
    expect(createCidrSet(['0.0.0.0/0']).contains(parseIp('2001:db8::1')!)).toBe(false);
  });

  it('throws on an invalid entry instead of matching nothing', () => {
    expect(() => createCidrSet(['10.0.0.0/8', 'nope'])).toThrow(/not an IPv4/);
  });
});
