import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import type { DeadLetter, DeadLetterGroup } from '../api/runs-api';
import { ToastProvider } from '../ui/toasts';
import { DeadLettersPage } from './dead-letters-page';

const FLOW = '44444444-4444-4444-8444-444444444444';
const group: DeadLetterGroup = {
  flowId: FLOW,
  flowName: 'Orders',
  code: 'MAPPING_FAILED',
  count: 2,
  firstSeen: '2026-01-01T10:00:00Z',
  lastSeen: '2026-01-01T11:00:00Z',
  sampleRunId: 'r1',
  sampleMessage: 'amount is not a number',
};
const letter = (n: number): DeadLetter => ({
  id: `d${n}`,
  runId: `0000000${n}-0000-4000-8000-000000000000`,
  flowId: FLOW,
  flowName: 'Orders',
  flowVersionId: 'v1',
  nodeId: 'invoice',
  error: { errorClass: 'permanent', code: 'MAPPING_FAILED', message: 'amount is not a number' },
  reason: 'permanent: MAPPING_FAILED',
  createdAt: '2026-01-01T10:00:00Z',
  resolvedAt: null,
  resolution: null,
  runStatus: 'dead-lettered',
});

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <DeadLettersPage me={{ label: 'Olga', role: 'operator' } as Me} />
      </ToastProvider>
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('DeadLettersPage', () => {
  it('shows groups by flow and error code; expanded, each dead letter links to its run', async () => {
    fakeRuntime((c) => {
      if (c.path === '/api/dead-letters/groups') return { body: { groups: [group] } };
      if (c.path === '/api/dead-letters')
        return { body: { deadLetters: [letter(1), letter(2)], nextCursor: null } };
      return undefined;
    });
    renderPage();
    const g = await screen.findByTestId('dead-letter-group');
    expect(within(g).getByTestId('group-count').textContent).toBe('2');
    expect(g.textContent).toContain('MAPPING_FAILED');
    fireEvent.click(within(g).getByLabelText('Orders · MAPPING_FAILED'));
    const rows = await within(g).findAllByTestId('dead-letter-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link').getAttribute('href')).toBe(
      `/runs/${letter(1).runId}`,
    );
  });

  it("retries a whole group on the latest version with the Runs page's progress bar", async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/dead-letters/groups') return { body: { groups: [group] } };
      if (c.path === '/api/dead-letters')
        return { body: { deadLetters: [letter(1), letter(2)], nextCursor: null } };
      if (c.path === '/api/runs/bulk')
        return { status: 202, body: { operationId: 'op', total: 2 } };
      if (c.path === '/api/runs/bulk/op')
        return {
          body: {
            operationId: 'op',
            action: 'retry',
            total: 2,
            processed: 2,
            accepted: 2,
            rejected: 0,
            rejections: [],
            outcome: { succeeded: 2, failed: 0, declined: 0, cancelled: 0, running: 0 },
            done: true,
            createdAt: '',
            finishedAt: '',
          },
        };
      return undefined;
    });
    renderPage();
    const g = await screen.findByTestId('dead-letter-group');
    fireEvent.click(within(g).getByRole('button', { name: 'Retry on latest version' }));
    expect((await screen.findByTestId('bulk-summary')).textContent).toBe('2 succeeded, 0 failed');
    expect(screen.getByTestId('bulk-percent').textContent).toBe('100%');
    expect(calls.find((c) => c.path === '/api/runs/bulk')?.body).toEqual({
      action: 'retry',
      runIds: [letter(1).runId, letter(2).runId],
      version: 'latest',
    });
  });

  it('resolves a group with a note, and asks for one', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/dead-letters/groups') return { body: { groups: [group] } };
      if (c.path === '/api/dead-letters/resolve')
        return { body: { resolved: 2, ids: ['d1', 'd2'] } };
      return undefined;
    });
    renderPage();
    const g = await screen.findByTestId('dead-letter-group');
    fireEvent.click(within(g).getByRole('button', { name: 'Resolve…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Resolve' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say how it was handled');
    fireEvent.change(screen.getByLabelText('How was it handled?'), {
      target: { value: 'Invoices posted by hand' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/dead-letters/resolve')?.body).toEqual({
        group: { flowId: FLOW, code: 'MAPPING_FAILED' },
        resolution: 'Invoices posted by hand',
      }),
    );
    expect((await screen.findByTestId('bulk-summary')).textContent).toBe('2 succeeded, 0 failed');
  });
});
