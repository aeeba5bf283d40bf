import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime, type FakeCall } from '../api/fake-runtime.test-support';
import { InstallDialog } from './install-dialog';
import type { TemplateInstallResult, TemplateSummary } from './templates-api';

const SIM = '11111111-1111-4111-8111-111111111111';
const LIVE = '22222222-2222-4222-8222-222222222222';
const SHOP = '33333333-3333-4333-8333-333333333333';
const FLOW = '44444444-4444-4444-8444-444444444444';

const template: TemplateSummary = {
  id: 'order-to-cash',
  title: 'Order to cash',
  description: 'Charge Shopify orders with PayTrace and book them.',
  connections: [
    {
      slot: 'store',
      type: 'shopify',
      label: 'Shopify store',
      help: '',
      connectionTypes: ['shopify'],
      builtInAllowed: false,
      optional: false,
    },
    {
      slot: 'gateway',
      type: 'paytrace',
      label: 'PayTrace account',
      help: 'Charges go here',
      connectionTypes: ['paytrace'],
      builtInAllowed: false,
      optional: false,
    },
    {
      slot: 'erp',
      type: 'erp',
      label: 'ERP',
      help: '',
      connectionTypes: ['quickbooks'],
      builtInAllowed: true,
      optional: false,
    },
  ],
  parameters: [
    {
      name: 'gatewayName',
      type: 'string',
      label: 'Payment method name',
      default: 'PayTrace',
      help: 'The manual payment method that means "pay with PayTrace".',
      required: true,
      options: null,
    },
    {
      name: 'payLinkHours',
      type: 'integer',
      label: 'Pay link expiry (hours)',
      default: 72,
      help: 'How long a pay link stays valid.',
      required: true,
      options: null,
    },
  ],
  outline: { nodes: [], edges: [] },
};

function connection(id: string, type: string, name: string, environment: string) {
  return {
    id,
    type,
    name,
    values: { environment },
    createdBy: null,
    createdAt: '',
    updatedAt: '',
  };
}

const installed = (reused: boolean): TemplateInstallResult => ({
  templateId: 'order-to-cash',
  reused,
  flows: [{ id: FLOW, name: 'Order to cash', active: true, version: 1 }],
  triggerUrls: [],
  warnings: [],
});

function runtime(install: (call: FakeCall) => { status: number; body: unknown }): FakeCall[] {
  return fakeRuntime((c) => {
    if (c.path === '/api/settings')
      return { body: { publicUrl: null, hooksUrl: null, sandbox: true } };
    if (c.path === '/api/connections') {
      return {
        body: {
          connections: [
            connection(LIVE, 'paytrace', 'PayTrace production', 'production'),
            connection(SIM, 'paytrace', 'PayTrace simulator', 'simulator'),
            connection(SHOP, 'shopify', 'Shopify simulator', 'simulator'),
          ],
        },
      };
    }
    if (c.path === '/api/connection-types') return { body: { connectionTypes: [] } };
    if (c.path === '/api/templates/order-to-cash/install') return install(c);
    return undefined;
  });
}

function renderDialog() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <InstallDialog template={template} canCreateConnections={false} onClose={onClose} />
    </QueryClientProvider>,
  );
  return onClose;
}

const installs = (calls: FakeCall[]) =>
  calls.filter((c) => c.path === '/api/templates/order-to-cash/install');

afterEach(() => vi.unstubAllGlobals());

describe('InstallDialog', () => {
  it('preselects the simulator connections and sends the defaults, then opens the flow', async () => {
    const calls = runtime(() => ({ status: 201, body: installed(false) }));
    const onClose = renderDialog();
    const gateway = (await screen.findByLabelText('PayTrace account')) as HTMLSelectElement;
    expect(gateway.value).toBe(SIM);
    expect((screen.getByLabelText('Shopify store') as HTMLSelectElement).value).toBe(SHOP);
    expect((screen.getByLabelText('ERP') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText(/Payment method name/) as HTMLInputElement).value).toBe(
      'PayTrace',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Install' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(installs(calls)[0]?.body).toEqual({
      connections: { store: SHOP, gateway: SIM, erp: null },
      parameters: { gatewayName: 'PayTrace', payLinkHours: 72 },
      activate: true,
      copy: false,
    });
    expect(window.location.pathname).toBe(`/flows/${FLOW}`);
  });

  it('shows a wrong parameter next to its field and sends nothing', async () => {
    const calls = runtime(() => ({ status: 201, body: installed(false) }));
    renderDialog();
    await screen.findByLabelText('PayTrace account');
    fireEvent.change(screen.getByLabelText(/Pay link expiry/), { target: { value: 'soon' } });
    fireEvent.change(screen.getByLabelText(/Payment method name/), { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Install' }));
    const field = (name: string) => document.querySelector(`[data-parameter="${name}"]`);
    expect(field('payLinkHours')?.textContent).toMatch(/Enter a whole number/);
    expect(field('gatewayName')?.textContent).toMatch(/Required/);
    expect(installs(calls)).toHaveLength(0);
  });

  it("shows the runtime's 4xx message, on the field it names", async () => {
    runtime(() => ({
      status: 422,
      body: {
        error: {
          code: 'TEMPLATE_INVALID',
          message: 'Connection for slot gateway is not a paytrace connection',
          details: { issues: [{ path: ['connections', 'gateway'], message: 'not paytrace' }] },
        },
      },
    }));
    renderDialog();
    await screen.findByLabelText('PayTrace account');
    fireEvent.click(screen.getByRole('button', { name: 'Install' }));
    expect((await screen.findByTestId('install-error')).textContent).toMatch(
      /slot gateway is not a paytrace connection/,
    );
    expect(document.querySelector('[data-slot="gateway"]')?.textContent).toMatch(/not paytrace/);
  });

  it('says when the template is already installed and installs a copy on request', async () => {
    const calls = runtime((c) =>
      (c.body as { copy: boolean }).copy
        ? { status: 201, body: installed(false) }
        : { status: 200, body: installed(true) },
    );
    const onClose = renderDialog();
    await screen.findByLabelText('PayTrace account');
    fireEvent.click(screen.getByRole('button', { name: 'Install' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/already installed/);
    expect(screen.getByRole('button', { name: 'Open the installed flow' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Install a copy (inactive)' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(installs(calls).map((c) => (c.body as { copy: boolean }).copy)).toEqual([false, true]);
  });
});
