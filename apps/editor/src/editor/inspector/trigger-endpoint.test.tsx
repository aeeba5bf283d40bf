import { render, screen } from '@testing-library/react';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';
import { TriggerEndpoint } from './trigger-endpoint';

const entry = (type: string) => nodeCatalog().find((e) => e.type === type)!;

describe('TriggerEndpoint', () => {
  it('shows the full REST URL, its authentication and a curl line', () => {
    render(
      <TriggerEndpoint
        entry={entry('trigger.rest')}
        config={{ path: 'orders/new', auth: { type: 'bearer' } }}
        active={false}
      />,
    );
    expect(screen.getByTestId('trigger-url').textContent).toBe(
      `${window.location.origin}/hooks/orders/new`,
    );
    expect(screen.getByText('bearer')).toBeTruthy();
    expect(screen.getByText(/Bearer <token>/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /Copy/ })).toHaveLength(2);
  });

  it('warns when anyone may call it', () => {
    render(<TriggerEndpoint entry={entry('trigger.rest')} config={{ path: 'x' }} active />);
    expect(screen.getByText(/anyone who knows the URL/)).toBeTruthy();
  });

  it('shows nothing for triggers without an endpoint', () => {
    const { container } = render(
      <TriggerEndpoint entry={entry('trigger.schedule')} config={{}} active />,
    );
    expect(container.textContent).toBe('');
  });
});

describe.skipIf(!nodeCatalog().some((e) => e.type === 'trigger.shopify'))(
  'Shopify trigger endpoint',
  () => {
    it('shows the webhook URL of the chosen connection', () => {
      render(
        <TriggerEndpoint
          entry={entry('trigger.shopify')}
          config={{ connectionId: 'c0ffee00-0000-4000-8000-000000000000', topics: ['orders/paid'] }}
          active
        />,
      );
      expect(screen.getByTestId('trigger-url').textContent).toBe(
        `${window.location.origin}/hooks/shopify/c0ffee00-0000-4000-8000-000000000000`,
      );
      expect(screen.getByText('orders/paid')).toBeTruthy();
    });
  },
);
