/**
 * IP addresses and CIDR ranges for trigger allow-lists and trusted proxies. Browser-safe, so the
 * editor refuses a bad range with the same words the API uses on save, and the runtime matches
 * with the very same parser.
 *
 * @module
 */
import ipaddr from 'ipaddr.js';

/** A parsed address; IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is always turned into plain IPv4. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** A parsed range: network address and prefix length, normalised like {@link IpAddress}. */
export interface CidrRange {
  readonly network: IpAddress;
  readonly bits: number;
}

/**
 * Only canonical spellings: `10.0.0/8` or `0x0a.0.0.1` are refused rather than read the way
 * ipaddr.js would guess, so what an administrator sees is what is matched.
 */
function isCanonical(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/** Mapped IPv6 becomes IPv4, so one client has one spelling whichever socket family it used. */
function normalise(address: IpAddress): IpAddress {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/**
 * Parses one address as a socket or a proxy reports it. Accepts `[v6]`, `[v6]:port` and
 * `a.b.c.d:port` (some proxies append ports) and drops an IPv6 zone (`%eth0`, local to this
 * machine). Returns null for anything that is not an address, so callers can fail closed.
 */
export function parseIp(text: string): IpAddress | null {
  let bare = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(bare);
  if (bracketed) bare = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(bare)) bare = bare.slice(0, bare.indexOf(':'));
  const zone = bare.indexOf('%');
  if (zone >= 0 && bare.includes(':')) bare = bare.slice(0, zone);
  if (!isCanonical(bare)) return null;
  return normalise(ipaddr.parse(bare));
}

/** Outcome of {@link parseCidr}: the range, or a message fit for a form field. */
export type CidrParse = { ok: true; range: CidrRange } | { ok: false; message: string };

/**
 * Parses `address/bits` (a bare address means that one address). Host bits must be zero:
 * `192.168.1.10/24` is refused with the network it probably means, since silently widening or
 * narrowing an allow-list is worse than asking. `::ffff:a.b.c.d/n` (n >= 96) is read as IPv4.
 *
 * @example
 * parseCidr('203.0.113.0/24'); // { ok: true, range: { network: 203.0.113.0, bits: 24 } }
 * parseCidr('10.1.2.3/8'); // { ok: false, message: '... did you mean 10.0.0.0/8?' }
 */
export function parseCidr(text: string): CidrParse {
  const parts = text.split('/');
  const [address = '', bitsText, ...rest] = parts;
  if (rest.length > 0 || address.includes('%') || !isCanonical(address)) {
    return { ok: false, message: `"${text}" is not an IPv4 or IPv6 address or CIDR range` };
  }
  const parsed = ipaddr.parse(address);
  const max = parsed.kind() === 'ipv4' ? 32 : 128;
  const bits =
    bitsText === undefined ? max : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : Number.NaN;
  if (!(bits >= 0 && bits <= max)) {
    return { ok: false, message: `"${text}": the prefix length must be 0-${max}` };
  }
  const networkText =
    parsed.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${bits}`).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${bits}`).toString();
  if (ipaddr.parse(networkText).toNormalizedString() !== parsed.toNormalizedString()) {
    return {
      ok: false,
      message: `"${text}" has host bits set; did you mean ${networkText}/${bits}?`,
    };
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return {
      ok: true,
      range: { network: (parsed as ipaddr.IPv6).toIPv4Address(), bits: bits - 96 },
    };
  }
  return { ok: true, range: { network: parsed, bits } };
}

/** A set of ranges that answers "is this address inside any of them?". */
export interface CidrSet {
  readonly size: number;
  contains(address: IpAddress): boolean;
}

/**
 * Compiles a list of ranges once (per trigger table load), so the per-request check is a few
 * integer comparisons. Throws on an invalid entry: configs are validated on save, so one that
 * fails here was stored by something else and must not quietly match nothing or everything.
 */
export function createCidrSet(cidrs: readonly string[]): CidrSet {
  const ranges = cidrs.map((text) => {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.range;
  });
  return {
    size: ranges.length,
    contains(address) {
      const kind = address.kind();
      return ranges.some((r) => r.network.kind() === kind && address.match(r.network, r.bits));
    },
  };
}
