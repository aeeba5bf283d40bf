import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime, type FakeCall } from '../api/fake-runtime.test-support';
import type { BulkProgressBody, RunListItem } from '../api/runs-api';
import { ToastProvider } from '../ui/toasts';
import { RunsPage } from './runs-page';

const FLOW = '44444444-4444-4444-8444-444444444444';
const operator = { label: 'Olga', role: 'operator' } as Me;
const viewer = { label: 'Vic', role: 'viewer' } as Me;

function run(n: number, status: RunListItem['status'] = 'failed'): RunListItem {
  const id = `0000000${n}-0000-4000-8000-000000000000`;
  return {
    id,
    flowId: FLOW,
    flowName: 'Orders',
    operatorStatus: status === 'failed' ? 'dead-lettered' : status,
    source: 'webhook',
    attempts: 3,
    executions: 1,
    durationMs: 2000,
    nextAttemptAt: null,
    deadLetterId: null,
    updatedAt: new Date(Date.UTC(2026, 0, 1, 12, n)).toISOString(),
    flowVersionId: 'v1',
    eventId: `e${n}`,
    status,
    parentRunId: null,
    stopAfter: null,
    test: null,
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
    if (c.path === '/api/runs' && c.query.updatedSince) return { body: page([]) };
    if (c.path === '/api/dead-letters') return { body: { deadLetters: [] } };
    return extra(c);
  });
}

function renderPage(me: Me = operator, liveMs?: number) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <RunsPage me={me} {...(liveMs ? { liveMs } : {})} />
      </ToastProvider>
    </QueryClientProvider>,
  );
}

function page(runs: RunListItem[], nextCursor: string | null = null) {
  return { runs, nextCursor, nextBefore: null, changesCursor: 'u1' };
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
    expect(within(table).getAllByText('Dead-lettered')).toHaveLength(1);
    expect(within(table).getAllByText('Webhook')).toHaveLength(2);

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'dead-lettered' } });
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.status).toBe('dead-lettered'));
    fireEvent.change(screen.getByLabelText('Flow'), { target: { value: FLOW } });
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.flowId).toBe(FLOW));
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: '24h' } });
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.since).toBeDefined());
    const since = new Date(listCalls(calls).at(-1)!.query.since!).getTime();
    expect(Date.now() - since).toBeGreaterThan(86_000_000);
    expect(Date.now() - since).toBeLessThan(87_000_000);
    // The filters are in the address, so the view can be linked and reloaded.
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'replay' } });
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.source).toBe('replay'));
    expect(window.location.search).toBe(
      `?status=dead-lettered&flow=${FLOW}&range=24h&source=replay`,
    );
  });

  it('searches by a business reference such as a Shopify order name', async () => {
    const calls = runtime((c) =>
      c.path === '/api/runs' ? { body: page(c.query.q ? [run(7)] : [run(1), run(2)]) } : undefined,
    );
    renderPage();
    await screen.findByTestId('runs-table');
    const search = screen.getByRole('searchbox');
    fireEvent.change(search, { target: { value: ' #1002 ' } });
    fireEvent.submit(search);
    await waitFor(() => expect(listCalls(calls).at(-1)?.query.q).toBe('#1002'));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(window.location.search).toBe('?q=%231002');
  });

  it('says when nothing touched the reference searched for', async () => {
    runtime((c) => (c.path === '/api/runs' ? { body: page([]) } : undefined));
    window.history.replaceState(null, '', '/runs?q=%23999');
    renderPage();
    expect((await screen.findByText(/No run touched/)).textContent).toContain('#999');
  });

  it('loads the next page from the cursor the runtime gave', async () => {
    const calls = runtime((c) => {
      if (c.path !== '/api/runs') return undefined;
      return c.query.cursor === 'c2'
        ? { body: page([run(1)]) }
        : { body: page([run(3), run(2)], 'c2') };
    });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4));
    expect(listCalls(calls).some((c) => c.query.cursor === 'c2')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('retries a selection with a progress bar and a summary of what went through', async () => {
    let polls = 0;
    const progress = (over: Partial<BulkProgressBody>): BulkProgressBody => ({
      operationId: 'op-1',
      action: 'retry',
      total: 2,
      processed: 0,
      accepted: 0,
      rejected: 0,
      rejections: [],
      outcome: { succeeded: 0, failed: 0, declined: 0, cancelled: 0, running: 0 },
      done: false,
      createdAt: '',
      finishedAt: null,
      ...over,
    });
    const calls = runtime((c) => {
      if (c.path === '/api/runs') return { body: page([run(1), run(2)]) };
      if (c.path === '/api/runs/bulk')
        return { status: 202, body: { operationId: 'op-1', total: 2 } };
      if (c.path === '/api/runs/bulk/op-1') {
        polls += 1;
        return {
          body:
            polls === 1
              ? progress({
                  processed: 2,
                  accepted: 2,
                  outcome: { succeeded: 1, failed: 0, declined: 0, cancelled: 0, running: 1 },
                })
              : progress({
                  processed: 2,
                  accepted: 1,
                  rejected: 1,
                  rejections: [
                    { runId: run(2).id, reason: 'Run is queued; only failed runs can be retried' },
                  ],
                  outcome: { succeeded: 1, failed: 0, declined: 0, cancelled: 0, running: 0 },
                  done: true,
                }),
        };
      }
      return undefined;
    });
    renderPage();
    fireEvent.click(await screen.findByLabelText('Select all shown runs'));
    expect(screen.getByText('2 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry selected' }));
    await waitFor(() => expect(screen.getByTestId('bulk-percent').textContent).toBe('50%'));
    const summary = await screen.findByTestId('bulk-summary');
    expect(summary.textContent).toBe('1 succeeded, 1 failed');
    expect(screen.getByTestId('bulk-percent').textContent).toBe('100%');
    expect(screen.getByTestId('bulk-progress').textContent).toContain('only failed runs');
    const started = calls.find((c) => c.path === '/api/runs/bulk');
    expect(started?.body).toEqual({
      action: 'retry',
      runIds: [run(1).id, run(2).id],
      version: 'same',
    });
  });

  it('stays live: a run changed anywhere makes the list fetch again', async () => {
    let flipped = false;
    const changeQueries: Record<string, string>[] = [];
    fakeRuntime((c) => {
      if (c.path === '/api/flows') return { body: { flows: [] } };
      if (c.path !== '/api/runs') return undefined;
      if (c.query.updatedSince) {
        changeQueries.push(c.query);
        const news = flipped && c.query.updatedSince === 'u1' ? [run(9)] : [];
        return { body: { ...page(news), changesCursor: c.query.updatedSince } };
      }
      return flipped
        ? { body: { ...page([run(9), run(1)]), changesCursor: 'u2' } }
        : { body: { ...page([run(1)]), changesCursor: 'u1' } };
    });
    renderPage(operator, 30);
    await screen.findByTestId('runs-table');
    await waitFor(() => expect(changeQueries.length).toBeGreaterThan(0));
    flipped = true;
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    await waitFor(() => expect(changeQueries.at(-1)?.updatedSince).toBe('u2'));
    // Any change counts, in any flow or status: the list's filters are not sent.
    expect(changeQueries.every((q) => q.status === undefined && q.limit === '1')).toBe(true);
  });

  it('replays every run matching the filters, beyond the rows loaded', async () => {
    window.history.replaceState(null, '', '/runs?status=dead-lettered&q=%231002');
    const calls = runtime((c) => {
      if (c.path === '/api/runs') return { body: page([run(2), run(1)], 'c2') };
      if (c.path === '/api/runs/bulk')
        return { status: 202, body: { operationId: 'op-2', total: 120 } };
      return undefined;
    });
    renderPage();
    fireEvent.click(await screen.findByLabelText('Select all shown runs'));
    fireEvent.click(
      screen.getByRole('button', { name: 'Select every run matching these filters' }),
    );
    expect(screen.getByText('All matching')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Replay selected' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/api/runs/bulk')?.body).toEqual({
        action: 'replay',
        filter: { status: ['dead-lettered'], q: '#1002' },
        version: 'same',
      }),
    );
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
