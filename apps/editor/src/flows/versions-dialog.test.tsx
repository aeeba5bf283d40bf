import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import { VersionsDialog } from './versions-dialog';

const FLOW = '44444444-4444-4444-8444-444444444444';

const graph = (expression: string, extra = false) => ({
  nodes: [
    { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path: 'orders' } },
    { id: 'shape', type: 'map', typeVersion: 1, config: { expression } },
    ...(extra ? [{ id: 'notify', type: 'notify.webhook', typeVersion: 1, config: {} }] : []),
  ],
  edges: [
    { from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } },
    ...(extra
      ? [{ from: { node: 'shape', port: 'out' }, to: { node: 'notify', port: 'in' } }]
      : []),
  ],
});

const GRAPHS: Record<string, unknown> = {
  '1': graph('{ "total": body.total }'),
  '2': graph('{ "total": body.subtotal }', true),
};

function runtime() {
  return fakeRuntime((c) => {
    if (c.path === `/api/flows/${FLOW}/versions`) {
      return {
        body: {
          versions: [1, 2].map((version) => ({
            id: `v${version}`,
            version,
            message: `change ${version}`,
            triggerType: 'trigger.rest',
            triggerPath: 'orders',
            createdAt: '2026-12-01T10:00:00.000Z',
          })),
        },
      };
    }
    const one = c.path.match(/\/versions\/(\d+)$/);
    if (one) return { body: { version: { version: Number(one[1]), graph: GRAPHS[one[1]!] } } };
    return undefined;
  });
}

function renderDialog(props: Partial<Parameters<typeof VersionsDialog>[0]> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <VersionsDialog
        flowId={FLOW}
        activeVersion={1}
        viewing={null}
        canEdit
        onClose={() => {}}
        onView={() => {}}
        onRestore={() => {}}
        onBackToLatest={() => {}}
        {...props}
      />
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('VersionsDialog', () => {
  it('offers "Make this version live" on every version but the live one, in one call', async () => {
    runtime();
    const onMakeLive = vi.fn(async () => {});
    renderDialog({ onMakeLive });
    const v2 = await screen.findByTestId('version-2');
    expect(within(screen.getByTestId('version-1')).getByText('live')).toBeTruthy();
    expect(
      within(screen.getByTestId('version-1')).queryByRole('button', {
        name: 'Make this version live',
      }),
    ).toBeNull();
    fireEvent.click(within(v2).getByRole('button', { name: 'Make this version live' }));
    await waitFor(() => expect(onMakeLive).toHaveBeenCalledWith(2));
    expect(onMakeLive).toHaveBeenCalledTimes(1);
  });

  it('tells a viewer why there is no button to change the live version', async () => {
    runtime();
    renderDialog({ canEdit: false });
    await screen.findByTestId('version-2');
    expect(screen.queryByRole('button', { name: 'Make this version live' })).toBeNull();
    expect(
      screen.getByText(/Only editors and admins can change which version is live/),
    ).toBeTruthy();
  });

  it('compares the live version with the latest: nodes, config fields and wires', async () => {
    runtime();
    renderDialog();
    fireEvent.click(await screen.findByRole('button', { name: 'Compare versions' }));
    const diff = await screen.findByTestId('version-diff');
    const changed = await within(diff).findByTestId('diff-changed-shape-config.expression');
    expect([...changed.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'shape',
      'config.expression',
      '{ "total": body.total }',
      '{ "total": body.subtotal }',
    ]);
    expect(within(diff).getByTestId('diff-added-notify').textContent).toContain('notify.webhook');
    expect(within(diff).getByText('shape.out → notify.in')).toBeTruthy();

    // Picking the same version on both sides shows that nothing differs.
    fireEvent.change(within(diff).getByLabelText('Compare to version'), { target: { value: '1' } });
    expect(await within(diff).findByText(/v1 and v1 run the same way/)).toBeTruthy();
  });
});
