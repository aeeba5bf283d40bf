import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import { DemoCallToAction } from './demo-call-to-action';
import type { DemoResult } from './templates-api';

const ORDER_FLOW = '55555555-5555-4555-8555-555555555555';
const REFUND_FLOW = '66666666-6666-4666-8666-666666666666';
const RUN = '77777777-7777-4777-8777-777777777777';

const me = (role: string) => ({ role, label: 'ada@example.com' }) as unknown as Me;

const demo: DemoResult = {
  shopifyOrderId: '820982911946154508',
  orderName: '#1001',
  runId: null,
  flows: [
    {
      id: REFUND_FLOW,
      name: 'Refund',
      active: true,
      version: 1,
      templateId: 'refund-to-credit-memo',
      reused: false,
    },
    {
      id: ORDER_FLOW,
      name: 'Order',
      active: true,
      version: 1,
      templateId: 'order-to-cash',
      reused: false,
    },
  ],
};

function sandboxRuntime(environment: string) {
  return fakeRuntime((c) => {
    if (c.path === '/api/settings')
      return { body: { publicUrl: null, hooksUrl: null, sandbox: environment === 'simulator' } };
    if (c.path === '/api/connections')
      return {
        body: {
          connections: [
            {
              id: 'c1',
              type: 'paytrace',
              name: 'PayTrace simulator',
              values: { environment },
              createdBy: null,
              createdAt: '',
              updatedAt: '',
            },
          ],
        },
      };
    if (c.path === '/api/demo' && c.method === 'POST') return { body: demo };
    if (c.path === '/api/runs') return { body: { runs: [{ id: RUN }], nextBefore: null } };
    return undefined;
  });
}

function renderCta(role: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <DemoCallToAction me={me(role)} />
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('DemoCallToAction', () => {
  it('runs the demo and opens the order flow on the run its order started', async () => {
    const calls = sandboxRuntime('simulator');
    renderCta('admin');
    fireEvent.click(await screen.findByRole('button', { name: 'Try the demo' }));
    expect(await screen.findByRole('list', { name: 'Demo progress' })).toBeTruthy();
    await waitFor(() => expect(window.location.pathname).toBe(`/flows/${ORDER_FLOW}`));
    expect(window.location.search).toBe(`?run=${RUN}`);
    expect(calls.filter((c) => c.path === '/api/demo')).toHaveLength(1);
  });

  it('is offered only to admins, when the runtime’s settings say sandbox mode', async () => {
    const calls = sandboxRuntime('production');
    renderCta('admin');
    await waitFor(() => expect(calls.some((c) => c.path === '/api/settings')).toBe(true));
    expect(screen.queryByTestId('demo-cta')).toBeNull();
    vi.unstubAllGlobals();
    sandboxRuntime('simulator');
    renderCta('editor');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('demo-cta')).toBeNull();
  });
});
