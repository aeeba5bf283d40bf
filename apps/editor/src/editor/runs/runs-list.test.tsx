import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../../api/fake-runtime.test-support';
import { countsLine, RunsList } from './runs-list';

const FLOW = '0f0f0f0f-0000-4000-8000-000000000002';

function run(id: string, status: string) {
  return {
    id,
    flowId: FLOW,
    flowVersionId: FLOW,
    eventId: FLOW,
    status,
    parentRunId: null,
    stopAfter: null,
    test: null,
    failedNodeId: status === 'declined' ? 'sale' : null,
    error: null,
    resumeAt: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
  };
}

const zero = {
  queued: 0,
  running: 0,
  waiting: 0,
  succeeded: 0,
  declined: 0,
  failed: 0,
  cancelled: 0,
};

afterEach(() => vi.unstubAllGlobals());

describe('countsLine', () => {
  it('puts declined first and leaves zeros out', () => {
    expect(countsLine({ ...zero, succeeded: 40, declined: 2 })).toBe('2 declined · 40 succeeded');
    expect(countsLine(zero)).toBe('');
  });
});

describe('RunsList', () => {
  it('shows a declined run as declined, with the count above the list', async () => {
    fakeRuntime((c) => {
      if (c.path === '/api/runs/counts') {
        return { body: { counts: { ...zero, declined: 1, succeeded: 3 } } };
      }
      if (c.path === '/api/runs') {
        return { body: { runs: [run('aaaaaaaa-1', 'declined')], nextBefore: null } };
      }
      return undefined;
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <RunsList flowId={FLOW} shownRunId={null} onOpen={() => {}} />
      </QueryClientProvider>,
    );
    expect((await screen.findByTestId('run-counts')).textContent).toBe('1 declined · 3 succeeded');
    const badge = await screen.findByText('declined', { selector: '.run-badge' });
    expect(badge.className).toContain('run-declined');
  });
});
