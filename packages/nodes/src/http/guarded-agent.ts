import dns from 'node:dns';
import net from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { AddressPolicy } from './address-policy';
import { BlockedAddressError } from './errors';

/** Node's `lookup` hook signature, as `net.connect` calls it. */
export type LookupFunction = NonNullable<net.TcpNetConnectOpts['lookup']>;

/** The policy to enforce and, optionally, the resolver to enforce it on. */
export interface GuardedAgentOptions {
  policy: AddressPolicy;
  /** Resolver to use; default `dns.lookup` (the OS resolver, so `/etc/hosts` applies). */
  lookup?: LookupFunction;
}

/**
 * Wraps a resolver so the socket can only ever be handed addresses the policy allows. Checking
 * here, inside the connect, is what defeats DNS rebinding: there is no second resolution between
 * the check and the connection. Refused addresses are dropped; if none is left the connect fails.
 */
export function guardedLookup(policy: AddressPolicy, resolve: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, resolved, family) => {
      if (err) return callback(err, resolved, family);
      const addresses = Array.isArray(resolved)
        ? resolved
        : [{ address: resolved, family: family ?? net.isIP(resolved) }];
      const usable = addresses.filter((entry) => policy.check(entry.address).allowed);
      const first = usable[0];
      if (first === undefined) {
        const refused = addresses[0];
        const verdict = refused ? policy.check(refused.address) : undefined;
        const reason = verdict && !verdict.allowed ? verdict.reason : 'no address';
        return callback(new BlockedAddressError(hostname, refused?.address ?? '', reason), '', 0);
      }
      if (options.all) return callback(null, usable);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * An undici dispatcher that refuses to connect anywhere the policy forbids. Three checks, all at
 * connect time: IP-literal hosts (which never reach a resolver), every DNS answer, and finally
 * the connected socket's peer address. Every request and every redirect hop made through this
 * agent passes them; pooled connections were checked when they were opened.
 */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  const { policy } = options;
  const resolve = options.lookup ?? (dns.lookup as LookupFunction);
  const connect = buildConnector({ lookup: guardedLookup(policy, resolve) });
  return new Agent({
    connect(target, callback) {
      const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
      if (net.isIP(host) !== 0) {
        const verdict = policy.check(host);
        if (!verdict.allowed) {
          return callback(new BlockedAddressError(target.hostname, host, verdict.reason), null);
        }
      }
      connect(target, (err, socket) => {
        if (err !== null) return callback(err, null);
        const peer = socket.remoteAddress;
        const verdict = peer === undefined ? undefined : policy.check(peer);
        if (peer !== undefined && verdict && !verdict.allowed) {
          socket.destroy();
          return callback(new BlockedAddressError(target.hostname, peer, verdict.reason), null);
        }
        callback(null, socket);
      });
    },
  });
}
