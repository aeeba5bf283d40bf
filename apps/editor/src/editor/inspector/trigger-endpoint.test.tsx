import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../../api/fake-runtime.test-support';
import { TriggerEndpoint } from './trigger-endpoint';

const entry = (type: string) => nodeCatalog().find((e) => e.type === type)!;
const PUBLIC = 'https://pay.example.com';

function withQueries(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

/** The runtime's settings name a public URL other than the page's origin. */
function publicUrlIs(url: string | null) {
  return fakeRuntime((c) =>
    c.path === '/api/settings' ? { body: { publicUrl: url } } : undefined,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('TriggerEndpoint', () => {
  it('shows the full REST URL under the public URL, its authentication and a curl line', async () => {
    publicUrlIs(PUBLIC);
    withQueries(
      <TriggerEndpoint
        entry={entry('trigger.rest')}
        config={{ path: 'orders/new', auth: { type: 'bearer' } }}
        active={false}
      />,
    );
    await screen.findByText(`${PUBLIC}/hooks/orders/new`);
    expect(screen.getByTestId('trigger-url').textContent).toBe(`${PUBLIC}/hooks/orders/new`);
    expect(
      screen.getByText(/curl -X POST 'https:\/\/pay\.example\.com\/hooks\/orders\/new'/),
    ).toBeTruthy();
    expect(screen.getByText('bearer')).toBeTruthy();
    expect(screen.getByText(/Bearer <token>/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /Copy/ })).toHaveLength(2);
  });

  it("falls back to the page's origin when the runtime names no public URL", async () => {
    const calls = publicUrlIs(null);
    withQueries(
      <TriggerEndpoint entry={entry('trigger.rest')} config={{ path: '/x' }} active={false} />,
    );
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.getByTestId('trigger-url').textContent).toBe(`${window.location.origin}/hooks/x`);
  });

  it('shows trigger URLs under the separate hooks origin when the runtime has one', async () => {
    fakeRuntime((c) =>
      c.path === '/api/settings'
        ? { body: { publicUrl: PUBLIC, hooksUrl: 'https://hooks.example.com' } }
        : undefined,
    );
    withQueries(
      <TriggerEndpoint entry={entry('trigger.rest')} config={{ path: 'orders' }} active />,
    );
    await screen.findByText('https://hooks.example.com/hooks/orders');
  });

  it('warns when anyone may call it', () => {
    publicUrlIs(PUBLIC);
    withQueries(<TriggerEndpoint entry={entry('trigger.rest')} config={{ path: 'x' }} active />);
    expect(screen.getByText(/anyone who knows the URL/)).toBeTruthy();
  });

  it('shows nothing for triggers without an endpoint', () => {
    publicUrlIs(PUBLIC);
    const { container } = withQueries(
      <TriggerEndpoint entry={entry('trigger.schedule')} config={{}} active />,
    );
    expect(container.textContent).toBe('');
  });
});

describe.skipIf(!nodeCatalog().some((e) => e.type === 'trigger.shopify'))(
  'Shopify trigger endpoint',
  () => {
    it('shows the webhook URL of the chosen connection under the public URL', async () => {
      publicUrlIs(`${PUBLIC}/`);
      withQueries(
        <TriggerEndpoint
          entry={entry('trigger.shopify')}
          config={{ connectionId: 'c0ffee00-0000-4000-8000-000000000000', topics: ['orders/paid'] }}
          active
        />,
      );
      await screen.findByText(`${PUBLIC}/hooks/shopify/c0ffee00-0000-4000-8000-000000000000`);
      expect(screen.getByText('orders/paid')).toBeTruthy();
    });
  },
);
