/**
 * Per-trigger IP allow-lists. The client address is the socket peer unless that peer is a
 * trusted proxy; only then is `X-Forwarded-For` read, from the right, since each proxy appends the
 * address it received from and only entries added by trusted proxies can be believed. A caller
 * talking to us directly can write anything into that header, so it is ignored for them.
 *
 * @module
 */
import {
  createCidrSet,
  parseIp,
  type CidrSet,
  type IpAddress,
  type TriggerAccess,
} from '@paybridge/nodes/definitions';

/** A trigger's network rules, compiled once per trigger table load. */
export interface NetworkRules {
  /** Empty: any address may call. */
  allow: CidrSet;
  /** Peers whose `X-Forwarded-For` is believed. Empty: none, the peer is the client. */
  trustedProxies: CidrSet;
}

/** Compiles a trigger's saved ranges; throws on an invalid one (the caller fails closed). */
export function compileNetworkRules(
  security: Pick<TriggerAccess, 'ipAllowList' | 'trustedProxies'>,
): NetworkRules {
  return {
    allow: createCidrSet(security.ipAllowList),
    trustedProxies: createCidrSet(security.trustedProxies),
  };
}

/**
 * The address the request came from, or null when it cannot be told (no peer address, or the
 * header that decides is unreadable): callers treat null as "not allowed".
 *
 * Walking `X-Forwarded-For` from the right, trusted proxies are skipped; the first other address
 * is the client. If every entry is a trusted proxy, the left-most one is the furthest hop known.
 *
 * @example
 * // peer 10.0.0.5 is a trusted proxy; the caller spoofed the first entry
 * clientAddress('10.0.0.5', '6.6.6.6, 203.0.113.9', createCidrSet(['10.0.0.0/8']));
 * // -> 203.0.113.9
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  trustedProxies: CidrSet,
): IpAddress | null {
  const peerAddress = peer === null ? null : parseIp(peer);
  if (!peerAddress) return null;
  if (trustedProxies.size === 0 || !trustedProxies.contains(peerAddress)) return peerAddress;
  if (forwardedFor === undefined || forwardedFor.trim() === '') return peerAddress;
  const hops = forwardedFor.split(',');
  let furthest: IpAddress = peerAddress;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseIp(hops[i]!);
    if (!hop) return null;
    if (!trustedProxies.contains(hop)) return hop;
    furthest = hop;
  }
  return furthest;
}

/** Whether the rules let this request in; an empty allow-list lets everyone in. */
export function isClientAllowed(
  rules: NetworkRules,
  peer: string | null,
  forwardedFor: string | undefined,
): boolean {
  if (rules.allow.size === 0) return true;
  const client = clientAddress(peer, forwardedFor, rules.trustedProxies);
  return client !== null && rules.allow.contains(client);
}
