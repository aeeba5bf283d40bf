import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy';

describe('address policy without an allow-list', () => {
  const policy = createAddressPolicy([]);

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['::7f00:1', 'ipv4Compatible'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['[::1]', 'loopback'],
  ])('blocks %s (%s)', (address, range) => {
    expect(policy.check(address)).toEqual({ allowed: false, reason: `${range} address` });
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(policy.check(address)).toEqual({ allowed: true });
    },
  );

  it.each(['2130706433', '0x7f.1', '0177.0.0.1', '127.1', 'localhost', ''])(
    'refuses the non-canonical spelling %j rather than guessing what it means',
    (text) => {
      expect(policy.check(text).allowed).toBe(false);
    },
  );
});

describe('address policy with an allow-list', () => {
  it('allows exactly the listed networks, in IPv4 and IPv4-mapped IPv6 form', () => {
    const policy = createAddressPolicy(['10.20.0.0/16', '127.0.0.1/32']);
    expect(policy.check('10.20.5.6').allowed).toBe(true);
    expect(policy.check('::ffff:10.20.5.6').allowed).toBe(true);
    expect(policy.check('127.0.0.1').allowed).toBe(true);
    expect(policy.check('10.21.0.1').allowed).toBe(false);
    expect(policy.check('127.0.0.2').allowed).toBe(false);
    expect(policy.check('169.254.169.254').allowed).toBe(false);
    expect(policy.check('::1').allowed).toBe(false);
  });

  it('treats a bare address as a single host and accepts IPv6 networks', () => {
    const policy = createAddressPolicy(['192.168.1.10', 'fd12:3456::/32']);
    expect(policy.check('192.168.1.10').allowed).toBe(true);
    expect(policy.check('192.168.1.11').allowed).toBe(false);
    expect(policy.check('fd12:3456::99').allowed).toBe(true);
    expect(policy.check('fd12:3457::1').allowed).toBe(false);
  });

  it.each(['10.0.0.0/33', 'not-a-cidr', '10.0.0/8', ''])(
    'refuses the malformed entry %j at startup',
    (cidr) => {
      expect(() => createAddressPolicy([cidr])).toThrow(/invalid CIDR/);
    },
  );
});
