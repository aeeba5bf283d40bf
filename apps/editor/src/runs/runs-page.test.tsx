import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime, type FakeCall } from '../api/fake-runtime.test-support';
import type { RunSummary } from '../api/runs-api';
import { ToastProvider } from '../ui/toasts';
import { RunsPage } from './runs-page';

const FLOW = '44444444-4444-4444-8444-444444444444';
const operator = { label: 'Olga', role: 'operator' } as Me;
const viewer = { label: 'Vic', role: 'viewer' } as Me;

function run(n: number, status: RunSummary['status'] = 'failed'): RunSummary {
  const id = `0000000${n}-0000-4000-8000-000000000000`;
  return {
    id,
    flowId: FLOW,
    flowVersionId: 'v1',
    eventId: `e${n}`,
    status,
    parentRunId: null,
    stopAfter: null,
    failedNodeId: status === 'failed' ? 'charge' : null,
    error: null,
    resumeAt: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, n)).toISOString(),
    startedAt: new Date(Date.UTC(2026, 0, 1, 12, n)).toISOString(),
    finishedAt: new Date(Date.UTC(2026, 0, 1, 12, n, 2)).toISOString(),
  };
}

function runtime(extra: (c: FakeCall) => { status?: number; body?: unknown } | undefined) {
  return fakeRuntime((c) => {
    if (c.path === '/api/flows') return { body: { flows: [{ id: FLOW, name: 'Orders' }] } };
    if (c.path === '/api/dead-letters') return { body: { deadLetters: [] } };
    return extra(c);
  });
}

function renderPage(me: Me = operator) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <RunsPage me={me} />
      </ToastProvider>
    </QueryClientProvider>,
  );
}

const listCalls = (calls: FakeCall[]) =>
  calls.filter((c) => c.method === 'GET' && c.path === '/api/runs');

beforeEach(() => window.history.replaceState(null, '', '/runs'));
afterEach(() => vi.unstubAllGlobals());

describe('RunsPage', () => {
  it('lists runs with their flow and asks again with each filter', async () => {
    const calls = runtime((c) =>
      c.path === '/api/runs'
        ? { body: { runs: [run(1), run(2, 'succeeded')], nextBefore: null } }
        : undefined,
    );
    renderPage();
    const table = await screen.findByTestId('runs-table');
    await within(table).findAllByText('Orders');
    expect(within(table).getAllByText('Failed')).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'failed' } });
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.status).toBe('failed'));
    fireEvent.change(screen.getByLabelText('Flow'), { target: { value: FLOW } });
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.flowId).toBe(FLOW));
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: '24h' } });
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.since).toBeDefined());
    const since = new Date(listCalls(calls).at(-1)!.query.since!).getTime();
    expect(Date.now() - since).toBeGreaterThan(86_000_000);
    expect(Date.now() - since).toBeLessThan(87_000_000);
    // The filters are in the address, so the view can be linked and reloaded.
    expect(window.location.search).toBe(`?status=failed&flow=${FLOW}&range=24h`);
  });

  it('loads the next page from the cursor the runtime gave', async () => {
    const calls = runtime((c) => {
      if (c.path !== '/api/runs') return undefined;
      return c.query.before
        ? { body: { runs: [run(1)], nextBefore: null } }
        : { body: { runs: [run(3), run(2)], nextBefore: run(2).createdAt } };
    });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4));
    expect(listCalls(calls).some((c) => c.query.before === run(2).createdAt)).toBe(true);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('retries a selection with a progress bar and a summary of what went through', async () => {
    runtime((c) => {
      if (c.path === '/api/runs') return { body: { runs: [run(1), run(2)], nextBefore: null } };
      if (c.path === `/api/runs/${run(1).id}/retry`)
        return { status: 202, body: { runId: run(1).id, status: 'queued' } };
      if (c.path === `/api/runs/${run(2).id}/retry`)
        return {
          status: 409,
          body: { error: { code: 'RUN_NOT_FAILED', message: 'Run is queued' } },
        };
      return undefined;
    });
    renderPage();
    fireEvent.click(await screen.findByLabelText('Select all shown runs'));
    expect(screen.getByText('2 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry selected' }));
    const summary = await screen.findByTestId('bulk-summary');
    expect(summary.textContent).toBe('1 succeeded, 1 failed');
    expect(screen.getByTestId('bulk-percent').textContent).toBe('100%');
    expect(screen.getByTestId('bulk-progress').textContent).toContain('Run is queued');
  });

  it('offers no bulk actions to a viewer', async () => {
    runtime((c) =>
      c.path === '/api/runs' ? { body: { runs: [run(1)], nextBefore: null } } : undefined,
    );
    renderPage(viewer);
    await screen.findByTestId('runs-table');
    expect(screen.queryByRole('button', { name: 'Retry selected' })).toBeNull();
    expect(screen.queryByLabelText('Select all shown runs')).toBeNull();
  });
});
