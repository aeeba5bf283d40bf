import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { describe, expect, it, vi } from 'vitest';
import type { NodeIssue } from '../store/flow-types';
import { validateFlow } from '../validation/validate-flow';
import { ConfigForm } from './config-form';

const entry = (type: string) => {
  const found = nodeCatalog().find((e) => e.type === type);
  if (!found) throw new Error(type);
  return found;
};

function renderForm(type: string, config: Record<string, unknown>, issues: NodeIssue[] = []) {
  const onChange = vi.fn();
  const client = new QueryClient({
    defaultOptions: { queries: { staleTime: Infinity, retry: false } },
  });
  client.setQueryData(
    ['connections'],
    [
      {
        id: '11111111-1111-4111-8111-111111111111',
        type: 'webhook.bearer',
        name: 'Shop token',
        values: {},
        createdBy: null,
        createdAt: '',
        updatedAt: '',
      },
      {
        id: '22222222-2222-4222-8222-222222222222',
        type: 'http.basic-auth',
        name: 'ERP login',
        values: {},
        createdBy: null,
        createdAt: '',
        updatedAt: '',
      },
    ],
  );
  render(
    <QueryClientProvider client={client}>
      <ConfigForm
        nodeId="n1"
        entry={entry(type)}
        config={config}
        issues={issues}
        readOnly={false}
        onChange={onChange}
      />
    </QueryClientProvider>,
  );
  return onChange;
}

describe('ConfigForm', () => {
  it('draws the REST trigger from its schema: text, enum, duration, auth union, lists', () => {
    const onChange = renderForm('trigger.rest', { path: 'orders' });
    expect(screen.getByLabelText(/^Path/)).toHaveProperty('value', 'orders');
    const mode = screen.getByLabelText('Response mode') as HTMLSelectElement;
    expect(mode.value).toBe('async');
    expect(screen.getByText('= 10 s')).toBeTruthy();
    fireEvent.change(mode, { target: { value: 'sync' } });
    expect(onChange).toHaveBeenLastCalledWith({ path: 'orders', mode: 'sync' }, 'mode');
    fireEvent.change(screen.getByLabelText(/^Path/), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({}, 'path');
    expect(screen.getByLabelText(/IP allow-list/)).toBeTruthy();
  });

  it('offers only connections of the type the auth method needs', () => {
    renderForm('trigger.rest', { path: 'x', auth: { type: 'bearer' } });
    const picker = screen.getByLabelText(/^Connection/) as HTMLSelectElement;
    const options = within(picker)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toContain('Shop token (webhook.bearer)');
    expect(options.join()).not.toContain('ERP login');
  });

  it('shows the runtime schema messages on their fields', () => {
    const graph = {
      nodes: [
        {
          id: 'n1',
          type: 'trigger.rest',
          typeVersion: 1,
          config: { path: 'Not Valid' },
          position: { x: 0, y: 0 },
        },
      ],
      edges: [],
    };
    const issues = validateFlow(graph, new Set()).byNode.n1 ?? [];
    renderForm('trigger.rest', { path: 'Not Valid' }, issues);
    expect(screen.getByRole('alert').textContent).toMatch(/lowercase letters/);
  });

  it('says why a respond that serves a page, a script, a cookie or a redirect cannot be saved', () => {
    for (const [headers, message] of [
      [{ 'Content-Type': 'text/html' }, /never a page or a script/],
      [{ 'Content-Type': 'application/javascript' }, /never a page or a script/],
      [{ 'Set-Cookie': 'pb_session=x' }, /"Set-Cookie" cannot be set by a hook answer/],
      [{ Location: 'https://evil.test/' }, /"Location" cannot be set by a hook answer/],
    ] as const) {
      const graph = {
        nodes: [
          {
            id: 't',
            type: 'trigger.rest',
            typeVersion: 1,
            config: { path: 'p', mode: 'sync' },
            position: { x: 0, y: 0 },
          },
          {
            id: 'n1',
            type: 'respond',
            typeVersion: 1,
            config: { headers, body: '<b>x</b>' },
            position: { x: 200, y: 0 },
          },
        ],
        edges: [{ from: { node: 't', port: 'out' }, to: { node: 'n1', port: 'in' } }],
      };
      const issues = validateFlow(graph, new Set()).byNode.n1 ?? [];
      expect(issues.map((i) => i.message).join('\n')).toMatch(message);
      renderForm('respond', { headers, body: '<b>x</b>' }, issues);
      expect(screen.getByRole('alert').textContent).toMatch(message);
      cleanup();
    }
  });

  it('edits key/value lists, switches and rules', () => {
    const onChange = renderForm('http.request', { url: 'https://x.test', headers: { a: '1' } });
    fireEvent.change(screen.getByLabelText('Value 1'), { target: { value: '2' } });
    expect(onChange).toHaveBeenLastCalledWith(
      { url: 'https://x.test', headers: { a: '2' } },
      'headers',
    );
    fireEvent.click(screen.getByRole('switch'));
    expect(onChange.mock.lastCall?.[0]).toMatchObject({ failOnHttpError: false });
  });

  it('switches a field to a JSONata expression with fx', () => {
    const onChange = renderForm('respond', { status: 201 });
    fireEvent.click(screen.getByRole('button', { name: 'Expression for status' }));
    expect(onChange).toHaveBeenLastCalledWith({ status: '=201' }, 'status');
  });

  it('switches a nested field to an expression: the vault sale reads its customer from a node', () => {
    const onChange = renderForm('paytrace.sale', {
      source: { kind: 'vault', customerId: 'cust-1' },
      amount: 1000,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Expression for customerId' }));
    expect(onChange.mock.lastCall?.[0]).toMatchObject({
      source: { kind: 'vault', customerId: '="cust-1"' },
    });
  });

  it('reads a cron pattern back in words', () => {
    renderForm('trigger.schedule', { cron: '0 9 * * 1-5' });
    expect(screen.getByTestId('cron-reading').textContent).toMatch(/Monday through Friday/);
  });

  it("shows an ERP node's default mapping as editable text, marked as the default, resettable", () => {
    const onChange = renderForm('erp.invoice-from-order', {});
    const content = document.getElementById('cfg-n1-mapping');
    if (!content) throw new Error('no mapping editor');
    expect(content.textContent).toContain('"externalRef": "shopify-order-" & $string(id)');
    expect(screen.getByTestId('default-mapping').textContent).toMatch(/Default/);
    expect(screen.queryByRole('button', { name: 'Reset to default' })).toBeNull();

    const view = EditorView.findFromDOM(content);
    if (!view) throw new Error('no editor view');
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: '{"currency": "USD"}' },
    });
    expect(onChange).toHaveBeenLastCalledWith({ mapping: '{"currency": "USD"}' }, 'mapping');
    cleanup();

    const reset = renderForm('erp.invoice-from-order', { mapping: '{"currency": "USD"}' });
    expect(screen.queryByTestId('default-mapping')).toBeNull();
    expect(document.getElementById('cfg-n1-mapping')?.textContent).toBe('{"currency": "USD"}');
    fireEvent.click(screen.getByRole('button', { name: 'Reset to default' }));
    expect(reset).toHaveBeenLastCalledWith({}, 'mapping');
  });
});
