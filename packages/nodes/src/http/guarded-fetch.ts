import { fetch as undiciFetch, type Dispatcher } from 'undici';
import { createAddressPolicy } from './address-policy';
import { BlockedAddressError } from './errors';
import { createGuardedAgent, type LookupFunction } from './guarded-agent';

/** A `fetch` held to the outbound network policy, and the way to close its connections. */
export interface GuardedFetch {
  fetch(url: string, init: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Code of the cause of a refused request, so a log can say why without a stack. */
export const BLOCKED_ADDRESS_CODE = 'BLOCKED_ADDRESS';

/**
 * `fetch` through the same guarded agent as the HTTP-request node: private, loopback, link-local
 * and metadata addresses are refused at connect time (after DNS, so rebinding cannot slip past)
 * unless the administrator's CIDR allow-list admits them. For code outside this package that
 * sends on behalf of users (the sandbox store's webhooks), which must not import the agent itself.
 * A refused request fails like any network error, its cause carrying `BLOCKED_ADDRESS`.
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
        const response = await undiciFetch(url, {
          ...(init as Parameters<typeof undiciFetch>[1]),
          dispatcher: agent,
        });
        return response as unknown as Response;
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof BlockedAddressError) {
          Object.assign(cause, { code: BLOCKED_ADDRESS_CODE });
        }
        throw error;
      }
    },
    close: () => agent.close(),
  };
}
