import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../../../api/fake-runtime.test-support';
import { ConfigForm } from '../config-form';

afterEach(() => vi.unstubAllGlobals());

describe('Shopify topic picker', () => {
  it('offers the topics the trigger declares as choices, not free text', () => {
    // The form's connection field asks the runtime for the stores there are: none here.
    const calls = fakeRuntime((c) =>
      c.path === '/api/connections' ? { body: { connections: [] } } : undefined,
    );
    const shopify = nodeCatalog().find((e) => e.type === 'trigger.shopify')!;
    const onChange = vi.fn();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ConfigForm
          nodeId="n1"
          entry={shopify}
          config={{}}
          issues={[]}
          readOnly={false}
          onChange={onChange}
        />
      </QueryClientProvider>,
    );
    const topics = screen.getByRole('group', { name: /Topics/ });
    expect(topics.querySelector('textarea')).toBeNull();
    const create = screen.getByRole('checkbox', { name: 'orders/create' }) as HTMLInputElement;
    expect(create.checked).toBe(true); // the declared default
    expect(screen.getByRole('checkbox', { name: 'disputes/create' })).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'refunds/create' }));
    expect(onChange).toHaveBeenLastCalledWith(
      { topics: ['orders/create', 'refunds/create'] },
      'topics',
    );
    expect(calls.every((c) => c.path === '/api/connections')).toBe(true);
  });
});
