import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import { createFlowStore, type FlowStore } from '../editor/store/flow-store';
import { FlowStoreProvider } from '../editor/store/flow-store-context';
import type { DemoResults } from './demo-api';
import { DemoGuide } from './demo-guide';
import type { DemoSession } from './install-result-store';

const ORDER_FLOW = '55555555-5555-4555-8555-555555555555';
const REFUND_FLOW = '66666666-6666-4666-8666-666666666666';
const NEW_RUN = '88888888-8888-4888-8888-888888888888';
const REFUND_RUN = '99999999-9999-4999-8999-999999999999';

const session: DemoSession = {
  orderFlowId: ORDER_FLOW,
  refundFlowId: REFUND_FLOW,
  order: { shopifyOrderId: '1001', orderName: '#1001', payUrl: null },
  step: 'first-order',
};

function results(refunded: boolean): DemoResults {
  return {
    shopify: {
      orderId: '1001',
      name: '#1001',
      financialStatus: refunded ? 'refunded' : 'paid',
      tags: [],
      note: null,
      metafields: { transaction_id: '501', customer_vault_id: 'demo-vault' },
    },
    paytrace: [
      {
        id: '501',
        type: 'SALE',
        amount: 2599,
        status: 'approved',
        message: 'APPROVED',
        cardLastFour: '5439',
        refundOf: null,
      },
      ...(refunded
        ? [
            {
              id: '502',
              type: 'REFUND',
              amount: 2599,
              status: 'refund' as const,
              message: 'REFUNDED',
              cardLastFour: '5439',
              refundOf: '501',
            },
          ]
        : []),
    ],
    ledger: {
      invoice: { ref: 'shopify-order-1001', amount: 2599, currency: 'USD', openBalance: 0 },
      customer: { ref: 'shopify-customer-7', paytraceCustomerId: 'demo-vault' },
      payments: [{ ref: '501', amount: 2599, currency: 'USD' }],
      creditMemos: refunded
        ? [{ ref: 'shopify-refund-9', amount: 2599, currency: 'USD', refunded: 2599 }]
        : [],
      trialBalanceBalanced: true,
    },
  };
}

function renderGuide(
  opts: { session?: DemoSession; runStatus?: string | null; followRun?: (id: string) => void } = {},
) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const store: FlowStore = createFlowStore({ nodes: [], edges: [] } as never);
  render(
    <QueryClientProvider client={client}>
      <FlowStoreProvider store={store}>
        <DemoGuide
          flowId={ORDER_FLOW}
          session={opts.session ?? session}
          runStatus={opts.runStatus === undefined ? 'succeeded' : opts.runStatus}
          {...(opts.followRun ? { followRun: opts.followRun } : {})}
        />
      </FlowStoreProvider>
    </QueryClientProvider>,
  );
  return store;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('DemoGuide', () => {
  it('shows the order in the three systems side by side once its run ended', async () => {
    const calls = fakeRuntime((c) =>
      c.path === '/api/demo/results' ? { body: results(false) } : undefined,
    );
    renderGuide();
    expect((await screen.findByTestId('shopify-status')).textContent).toBe('paid');
    expect(screen.getByTestId('results-shopify').textContent).toContain(
      'paytrace.customer_vault_id = demo-vault',
    );
    expect(screen.getByTestId('results-paytrace').textContent).toMatch(
      /sale approved 25\.99 USD · transaction 501/,
    );
    const ledger = screen.getByTestId('results-ledger').textContent;
    expect(ledger).toContain('Invoice shopify-order-1001: 25.99 USD');
    expect(ledger).toContain('Payment 501: 25.99 USD');
    expect(screen.getByTestId('trial-balance-check').textContent).toBe(
      'Trial balance balanced, equal to captured minus refunded (25.99 USD)',
    );
    expect(calls.find((c) => c.path === '/api/demo/results')).toBeTruthy();
  });

  it('places an order for a new shopper: opens its pay page in a new tab and follows its run', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/demo/results') return { body: results(false) };
      if (c.path === '/api/demo/new-shopper' && c.method === 'POST')
        return {
          body: {
            shopifyOrderId: '1002',
            orderName: '#1002',
            runId: NEW_RUN,
            payUrl: 'http://localhost/pay/signed-token',
            flows: [
              {
                id: ORDER_FLOW,
                name: 'Order',
                active: true,
                version: 1,
                templateId: 'order-to-cash',
                reused: true,
              },
            ],
          },
        };
      return undefined;
    });
    const tab = { opener: {}, location: { href: 'about:blank' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const followRun = vi.fn();
    renderGuide({ followRun });
    fireEvent.click(screen.getByRole('button', { name: 'Place an order for a new shopper' }));
    await waitFor(() => expect(followRun).toHaveBeenCalledWith(NEW_RUN));
    expect(open).toHaveBeenCalledWith('about:blank', '_blank');
    expect(tab.location.href).toBe('http://localhost/pay/signed-token');
    expect(tab.opener).toBeNull();
    expect(calls.filter((c) => c.path === '/api/demo/new-shopper')).toHaveLength(1);
  });

  it('says a run waits for payment while its wait step waits', () => {
    fakeRuntime(() => undefined);
    const store = renderGuide({
      session: {
        ...session,
        order: { shopifyOrderId: '1002', orderName: '#1002', payUrl: 'http://x/pay/t' },
        step: 'new-shopper',
      },
      runStatus: null,
    });
    store.getState().setRun({
      wait: {
        status: 'suspended',
        port: null,
        input: null,
        output: null,
        error: null,
        durationMs: null,
      },
    } as never);
    return waitFor(() => {
      expect(screen.getByTestId('demo-status').textContent).toMatch(/#1002 is waiting for payment/);
      expect(screen.getByTestId('demo-pay-link').getAttribute('href')).toBe('http://x/pay/t');
      expect(screen.queryByRole('button', { name: /Refund it/ })).toBeNull();
    });
  });

  it('refunds the last order and follows the refund run on the refund flow', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/demo/results') return { body: results(false) };
      if (c.path === '/api/demo/refund' && c.method === 'POST')
        return { body: { refundId: '9', runId: REFUND_RUN } };
      return undefined;
    });
    renderGuide({ followRun: vi.fn() });
    fireEvent.click(screen.getByRole('button', { name: /^Refund it/ }));
    await waitFor(() => expect(window.location.pathname).toBe(`/flows/${REFUND_FLOW}`));
    expect(window.location.search).toBe(`?run=${REFUND_RUN}`);
    expect(calls.find((c) => c.path === '/api/demo/refund')?.body).toEqual({
      shopifyOrderId: '1001',
    });
  });

  it('shows the refund and the credit memo in the results after a refund', async () => {
    fakeRuntime((c) => (c.path === '/api/demo/results' ? { body: results(true) } : undefined));
    renderGuide({ session: { ...session, step: 'refund' } });
    expect(await screen.findByText(/Credit memo/)).toBeTruthy();
    expect(screen.getByTestId('demo-status').textContent).toMatch(/#1001 refunded \(succeeded\)/);
    expect(screen.getByTestId('results-paytrace').textContent).toMatch(
      /refund 25\.99 USD · transaction 502 \(of 501\)/,
    );
    expect(screen.getByTestId('trial-balance-check').textContent).toBe(
      'Trial balance balanced, equal to captured minus refunded (0.00 USD)',
    );
  });

  it('says clearly when a demo call fails', async () => {
    fakeRuntime((c) => {
      if (c.path === '/api/demo/results')
        return { status: 502, body: { error: { code: 'SIM', message: 'simulator down' } } };
      if (c.path === '/api/demo/refund')
        return {
          status: 409,
          body: { error: { code: 'NOTHING_TO_REFUND', message: 'order #1001 is not paid' } },
        };
      return undefined;
    });
    renderGuide();
    expect((await screen.findByText(/Could not read the results/)).textContent).toContain(
      'simulator down',
    );
    fireEvent.click(screen.getByRole('button', { name: /^Refund it/ }));
    expect((await screen.findByText(/The refund failed/)).textContent).toBe(
      'The refund failed: order #1001 is not paid',
    );
  });
});
