import { createCidrSet } from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';
import { clientAddress, compileNetworkRules, isClientAllowed } from './ip-allow-list';

const rules = (ipAllowList: string[], trustedProxies: string[] = []) =>
  compileNetworkRules({ ipAllowList, trustedProxies });

describe('isClientAllowed', () => {
  it('lets everyone in when the allow-list is empty', () => {
    expect(isClientAllowed(rules([]), '198.51.100.1', undefined)).toBe(true);
    expect(isClientAllowed(rules([]), null, undefined)).toBe(true);
  });

  it('matches an IPv4 peer against IPv4 ranges', () => {
    const r = rules(['203.0.113.0/24']);
    expect(isClientAllowed(r, '203.0.113.50', undefined)).toBe(true);
    expect(isClientAllowed(r, '203.0.114.50', undefined)).toBe(false);
  });

  it('matches an IPv6 peer against IPv6 ranges', () => {
    const r = rules(['2001:db8:abcd::/48']);
    expect(isClientAllowed(r, '2001:db8:abcd:12::1', undefined)).toBe(true);
    expect(isClientAllowed(r, '2001:db8:abce::1', undefined)).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 peer (dual-stack socket) against IPv4 ranges', () => {
    const r = rules(['203.0.113.0/24']);
    expect(isClientAllowed(r, '::ffff:203.0.113.50', undefined)).toBe(true);
    expect(isClientAllowed(r, '::ffff:198.51.100.1', undefined)).toBe(false);
    expect(isClientAllowed(rules(['::ffff:203.0.113.0/120']), '203.0.113.9', undefined)).toBe(true);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy (spoofing)', () => {
    const r = rules(['203.0.113.0/24']);
    expect(isClientAllowed(r, '198.51.100.7', '203.0.113.50')).toBe(false);
    const behindNothing = rules(['203.0.113.0/24'], ['10.0.0.0/8']);
    expect(isClientAllowed(behindNothing, '198.51.100.7', '203.0.113.50')).toBe(false);
  });

  it('believes X-Forwarded-For from a trusted proxy', () => {
    const r = rules(['203.0.113.0/24'], ['10.0.0.0/8']);
    expect(isClientAllowed(r, '10.1.2.3', '203.0.113.50')).toBe(true);
    expect(isClientAllowed(r, '10.1.2.3', '198.51.100.7')).toBe(false);
  });

  it('refuses when the peer address is unknown', () => {
    expect(isClientAllowed(rules(['0.0.0.0/0']), null, undefined)).toBe(false);
  });

  it('does not let a trusted proxy itself in by its own address when it forwards someone', () => {
    const r = rules(['10.0.0.0/8'], ['10.0.0.0/8']);
    expect(isClientAllowed(r, '10.0.0.1', '198.51.100.7')).toBe(false);
  });
});

describe('clientAddress', () => {
  const trusted = createCidrSet(['10.0.0.0/8', 'fd00::/8']);
  const addr = (peer: string | null, xff?: string) =>
    clientAddress(peer, xff, trusted)?.toString() ?? null;

  it('is the peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('198.51.100.7', '1.2.3.4', createCidrSet([]))?.toString()).toBe(
      '198.51.100.7',
    );
  });

  it('walks a chain of trusted proxies from the right to the first untrusted hop', () => {
    // client 203.0.113.9 -> proxy 10.0.0.2 -> proxy 10.0.0.3 (our peer)
    expect(addr('10.0.0.3', '203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    // a forged left-most entry is not reached: the right-most untrusted hop wins
    expect(addr('10.0.0.3', '6.6.6.6, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
  });

  it('handles IPv6 and mapped entries inside the chain', () => {
    expect(addr('fd00::1', '2001:db8::5, fd00::2')).toBe('2001:db8::5');
    expect(addr('::ffff:10.0.0.3', '::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addr('10.0.0.3', '[2001:db8::5]:443')).toBe('2001:db8::5');
  });

  it('falls back to the furthest trusted hop when every entry is a trusted proxy', () => {
    expect(addr('10.0.0.3', '10.0.0.1, 10.0.0.2')).toBe('10.0.0.1');
    expect(addr('10.0.0.3', undefined)).toBe('10.0.0.3');
  });

  it('gives up (null) on an unreadable hop before the client is found', () => {
    expect(addr('10.0.0.3', 'unknown, 10.0.0.2')).toBeNull();
    expect(addr('10.0.0.3', '203.0.113.9, garbage')).toBeNull();
    // garbage left of the client is never read
    expect(addr('10.0.0.3', 'garbage, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('is null without a readable peer', () => {
    expect(addr(null)).toBeNull();
    expect(addr('not-an-ip')).toBeNull();
  });
});
