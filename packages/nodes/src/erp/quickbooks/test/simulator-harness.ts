/**
 * Test helper: a QuickBooks Online simulator in process and an adapter wired to it through a
 * fetch that calls the simulator's app directly (no sockets).
 *
 * @module
 */
import { createQuickbooksSimulator, QUICKBOOKS_DEMO_APP } from '@paybridge/sandbox';
import { createQuickbooksAdapter } from '../adapter';
import { memoryTokenStore } from '../token-store';

/** The simulator's base URL as the adapter sees it. */
export const SIM_URL = 'http://qbo.sim';

/** A simulator, a token store and a factory of adapters connected to it. */
export function simulatedQuickbooks(
  settings: Parameters<typeof createQuickbooksSimulator>[0] = {},
) {
  const sim = createQuickbooksSimulator(settings);
  const tokens = memoryTokenStore();
  const calls: { method: string; url: string }[] = [];
  const fetchSim: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ method: init?.method ?? 'GET', url });
    return sim.app.request(url, init as RequestInit);
  };
  const { refreshToken } = sim.handle.connect();
  const values = {
    environment: 'simulator' as const,
    clientId: QUICKBOOKS_DEMO_APP.clientId,
    clientSecret: QUICKBOOKS_DEMO_APP.clientSecret,
    realmId: sim.handle.realmId,
    refreshToken,
    baseUrl: SIM_URL,
  };
  const adapter = (overrides: { sleep?: (ms: number) => Promise<void> } = {}) =>
    createQuickbooksAdapter(values, {
      tokens,
      fetch: fetchSim,
      backoffMs: 1,
      sleep: overrides.sleep ?? (async () => undefined),
    });
  return { sim, tokens, calls, values, adapter, fetchSim };
}
