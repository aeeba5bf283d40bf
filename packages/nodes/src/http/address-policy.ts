import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Whether the HTTP stack may open a connection to an address, and if not, why. */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** Decides which IP addresses outbound requests may connect to. */
export interface AddressPolicy {
  check(address: string): AddressVerdict;
}

/** `::a.b.c.d`, the deprecated IPv4-compatible form; ipaddr.js files it under plain unicast. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * The address's special-purpose range, or `public`. Only globally routable unicast is public;
 * everything else (loopback, RFC 1918, CGNAT, link-local and cloud metadata, unique-local,
 * multicast, reserved, NAT64 and 6to4/Teredo tunnels to who knows where) is not. An IPv4-mapped
 * IPv6 address is judged by the IPv4 address inside it, so `::ffff:127.0.0.1` is loopback.
 */
function classify(address: Address): string {
  if (address.kind() === 'ipv4') {
    const range = address.range();
    return range === 'unicast' ? 'public' : range;
  }
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return classify(v6.toIPv4Address());
  const range = v6.range();
  if (range !== 'unicast') return range;
  return v6.match(IPV4_COMPATIBLE) ? 'ipv4Compatible' : 'public';
}

/** The address in both of its spellings, so `127.0.0.1/32` also covers `::ffff:127.0.0.1`. */
function forms(address: Address): Address[] {
  if (address.kind() === 'ipv4') return [address, (address as ipaddr.IPv4).toIPv4MappedAddress()];
  const v6 = address as ipaddr.IPv6;
  return v6.isIPv4MappedAddress() ? [v6, v6.toIPv4Address()] : [v6];
}

function isCanonical(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/** Strict: `10.0.0/8` or `0x0a.0.0.0/8` are refused, not read the way ipaddr.js would guess. */
function parseCidr(text: string): [Address, number] {
  const [address = '', bits, ...rest] = text.split('/');
  if (isCanonical(address) && rest.length === 0) {
    const max = ipaddr.parse(address).kind() === 'ipv4' ? 32 : 128;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (prefix >= 0 && prefix <= max) return [ipaddr.parse(address), prefix];
  }
  throw new Error(`invalid CIDR in allowPrivateCidrs: ${JSON.stringify(text)}`);
}

/**
 * Builds the policy from the administrator's allow-list of CIDRs (a plain address means just that
 * address). Invalid entries throw at startup rather than silently allowing or blocking nothing.
 *
 * @example
 * const policy = createAddressPolicy(['10.20.0.0/16']); // an internal ERP network
 * policy.check('10.20.1.5'); // { allowed: true }
 * policy.check('169.254.169.254'); // { allowed: false, reason: 'linkLocal address' }
 */
export function createAddressPolicy(allowPrivateCidrs: readonly string[]): AddressPolicy {
  const allowed = allowPrivateCidrs.map(parseCidr);
  const inAllowList = (address: Address): boolean =>
    forms(address).some((form) =>
      allowed.some(
        ([network, bits]) => form.kind() === network.kind() && form.match(network, bits),
      ),
    );
  return {
    check(text) {
      const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
      // Only canonical spellings: the URL parser and DNS produce them, anything else is suspect.
      if (!isCanonical(bare)) {
        return { allowed: false, reason: 'not an IP address' };
      }
      const address = ipaddr.parse(bare);
      const range = classify(address);
      if (range === 'public' || inAllowList(address)) return { allowed: true };
      return { allowed: false, reason: `${range} address` };
    },
  };
}
