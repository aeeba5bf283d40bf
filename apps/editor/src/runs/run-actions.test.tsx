import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import type { RunDetail } from '../api/runs-api';
import { ToastProvider } from '../ui/toasts';
import { RunActions } from './run-actions';

const RUN = '00000001-0000-4000-8000-000000000000';

type Run = Pick<RunDetail, 'id' | 'status' | 'trigger' | 'test'>;

function detail(status: RunDetail['status'], test: RunDetail['test'] = null): Run {
  return { id: RUN, status, trigger: { body: { name: '#1002' } }, test };
}

function renderActions(run: Run, role: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <RunActions run={run} me={{ label: 'x', role } as Me} />
      </ToastProvider>
    </QueryClientProvider>,
  );
}

const buttons = () => screen.queryAllByRole('button').map((b) => b.textContent);

afterEach(() => vi.unstubAllGlobals());

describe('RunActions', () => {
  it('offers a viewer nothing to change', () => {
    renderActions(detail('failed'), 'viewer');
    expect(buttons()).toEqual([]);
  });

  it('offers retry from the failed step (same or latest version) only on a failed run', async () => {
    const calls = fakeRuntime((c) =>
      c.path === `/api/runs/${RUN}/retry`
        ? { status: 202, body: { runId: RUN, status: 'queued' } }
        : undefined,
    );
    renderActions(detail('failed'), 'operator');
    expect(buttons()).toEqual([
      'Retry from failed step',
      'Retry on latest version',
      'Replay',
      'Replay with edited input…',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Retry on latest version' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path.endsWith('/retry'))?.body).toEqual({ version: 'latest' }),
    );
  });

  it('offers cancel on a waiting run and no retry', () => {
    renderActions(detail('waiting'), 'operator');
    expect(buttons()).toEqual(['Replay', 'Replay with edited input…', 'Cancel run']);
  });

  it('replays a test run as a test run, and says so before and after', async () => {
    const NEW = '00000002-0000-4000-8000-000000000000';
    const calls = fakeRuntime((c) =>
      c.path === `/api/runs/${RUN}/replay`
        ? {
            status: 202,
            body: {
              runId: NEW,
              replayOf: RUN,
              status: 'queued',
              eventId: RUN,
              edited: false,
              resolvedDeadLetterId: null,
              test: 'simulator',
            },
          }
        : undefined,
    );
    renderActions(detail('succeeded', 'live'), 'operator');
    const replay = screen.getByRole('button', { name: 'Replay as a test run' });
    expect(replay.title).toMatch(/live PayTrace goes to the simulator/);
    fireEvent.click(replay);
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/replay'))).toBe(true));
    expect((await screen.findByTestId('toast-info')).textContent).toContain(
      'Replaying as a new test run: live PayTrace goes to the simulator',
    );
  });
});
