import { request, type Dispatcher } from 'undici';
import { createAddressPolicy } from './address-policy';
import { BlockedAddressError } from './errors';
import { createGuardedAgent, type LookupFunction } from './guarded-agent';

/** The part of a fetch answer a sender reads. */
export interface GuardedFetchResponse {
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A fetch-shaped sender held to the outbound network policy, and the way to close it. */
export interface GuardedFetch {
  /** Sends one request; redirects are never followed (a 3xx is the answer). */
  fetch(
    url: string,
    init: {
      method: string;
      headers?: Record<string, string>;
      body?: string;
      signal?: AbortSignal;
    },
  ): Promise<GuardedFetchResponse>;
  close(): Promise<void>;
}

/** Code of a refused request's error (and of its cause), so a log can say why without a stack. */
export const BLOCKED_ADDRESS_CODE = 'BLOCKED_ADDRESS';

/**
 * A fetch-shaped sender through the same guarded agent as the HTTP-request node: private,
 * loopback, link-local and metadata addresses are refused at connect time (after DNS, so
 * rebinding cannot slip past) unless the administrator's CIDR allow-list admits them. For code
 * outside this package that sends on behalf of users (the sandbox store's webhooks) and must not
 * import the agent itself. A refused request throws an error whose `cause.code` is
 * `BLOCKED_ADDRESS`, as a network error carries its system code.
 */
export function createGuardedFetch(options: {
  allowPrivateCidrs: readonly string[];
  lookup?: LookupFunction;
}): GuardedFetch {
  const agent: Dispatcher = createGuardedAgent({
    policy: createAddressPolicy(options.allowPrivateCidrs),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  return {
    async fetch(url, init) {
      try {
        const response = await request(url, {
          method: init.method as Dispatcher.HttpMethod,
          ...(init.headers ? { headers: init.headers } : {}),
          ...(init.body !== undefined ? { body: init.body } : {}),
          ...(init.signal ? { signal: init.signal } : {}),
          dispatcher: agent,
        });
        return { status: response.statusCode, arrayBuffer: () => response.body.arrayBuffer() };
      } catch (error) {
        if (error instanceof BlockedAddressError) {
          Object.assign(error, { code: BLOCKED_ADDRESS_CODE });
          throw new Error('request refused by the outbound network policy', { cause: error });
        }
        throw error;
      }
    },
    close: () => agent.close(),
  };
}
