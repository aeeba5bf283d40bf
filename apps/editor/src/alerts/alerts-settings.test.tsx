import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime, type FakeCall } from '../api/fake-runtime.test-support';
import { AlertsSettings } from './alerts-settings';

const operator = { id: 'u1', label: 'ops@example.com', role: 'operator' } as unknown as Me;
const viewer = { id: 'u2', label: 'look@example.com', role: 'viewer' } as unknown as Me;

function withQueries(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const channel = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Ops chat',
  kind: 'webhook',
  connectionId: 'c1',
  connectionName: 'Alert channel: Ops chat',
  recipients: [],
  builtin: false,
  createdAt: '2026-12-01T10:00:00.000Z',
};

/** A runtime with one webhook channel, no rules yet, one fired notice and two flows. */
function runtime(
  extra: (call: FakeCall) => { status?: number; body?: unknown } | undefined = () => undefined,
) {
  return fakeRuntime((call) => {
    const answer = extra(call);
    if (answer) return answer;
    if (call.method === 'GET' && call.path === '/api/alerts/channels') {
      return { body: { channels: [channel] } };
    }
    if (call.method === 'GET' && call.path === '/api/alerts/rules') return { body: { rules: [] } };
    if (call.method === 'GET' && call.path === '/api/alerts/history') {
      return {
        body: {
          notices: [
            {
              id: 'n1',
              ruleId: 'r1',
              ruleName: 'Checkout failures',
              kind: 'fired',
              count: 500,
              title: 'Checkout failures: 500 run failures in flow Checkout',
              detail: 'Flow Checkout: run x failed',
              link: null,
              createdAt: '2026-12-01T10:00:00.000Z',
              deliveries: [{ channelId: channel.id, sent: true, attempts: 1, lastError: null }],
            },
          ],
        },
      };
    }
    if (call.method === 'GET' && call.path === '/api/alerts/error-flows') {
      return {
        body: {
          flows: [
            { flowId: 'f1', flowName: 'Checkout', errorFlowId: null },
            { flowId: 'f2', flowName: 'On failure', errorFlowId: null },
          ],
        },
      };
    }
    if (call.method === 'GET' && call.path === '/api/connections')
      return { body: { connections: [] } };
    return undefined;
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AlertsSettings', () => {
  it('lists channels without their URL, shows the history with counts, and sends a test', async () => {
    const calls = runtime((call) =>
      call.method === 'POST' && call.path.endsWith('/test')
        ? { body: { ok: true, message: 'Sent' } }
        : undefined,
    );
    withQueries(<AlertsSettings me={operator} />);
    await screen.findByText('Webhook (URL saved, not shown)');
    expect(screen.getByText('Webhook (URL saved, not shown)')).toBeTruthy();
    await screen.findByText(/500 run failures/);
    expect(screen.getByTestId('alert-history').textContent).toContain('(500)');
    fireEvent.click(screen.getByRole('button', { name: 'Send test to Ops chat' }));
    await screen.findByText('Sent');
    expect(calls.some((c) => c.path === `/api/alerts/channels/${channel.id}/test`)).toBe(true);
  });

  it('creates a webhook channel and a per-flow decline-rate rule with its thresholds', async () => {
    const calls = runtime((call) =>
      call.method === 'POST' && call.path === '/api/alerts/channels'
        ? { status: 201, body: { ...channel, id: '22222222-2222-4222-8222-222222222222' } }
        : call.method === 'POST' && call.path === '/api/alerts/rules'
          ? { status: 201, body: {} }
          : undefined,
    );
    withQueries(<AlertsSettings me={operator} />);
    await screen.findByText('Webhook (URL saved, not shown)');
    const channelForm = screen.getByRole('form', { name: 'New channel' });
    fireEvent.change(screen.getByLabelText('Channel name'), { target: { value: 'Pager' } });
    fireEvent.change(screen.getByLabelText(/Webhook URL/), {
      target: { value: 'https://hooks.slack.com/services/T/B/secret' },
    });
    fireEvent.submit(channelForm);
    await waitFor(() =>
      expect(
        calls.find((c) => c.method === 'POST' && c.path === '/api/alerts/channels')?.body,
      ).toEqual({
        kind: 'webhook',
        name: 'Pager',
        url: 'https://hooks.slack.com/services/T/B/secret',
      }),
    );

    fireEvent.change(screen.getByLabelText('Condition'), { target: { value: 'decline_rate' } });
    fireEvent.change(screen.getByLabelText('Rule name'), { target: { value: 'Declines' } });
    await screen.findByLabelText('Error flow of Checkout');
    fireEvent.change(screen.getByLabelText('Flow'), { target: { value: 'f1' } });
    fireEvent.change(screen.getByLabelText('Threshold (%)'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Ops chat' }));
    fireEvent.submit(screen.getByRole('form', { name: 'New rule' }));
    await waitFor(() =>
      expect(
        calls.find((c) => c.method === 'POST' && c.path === '/api/alerts/rules')?.body,
      ).toEqual({
        kind: 'decline_rate',
        name: 'Declines',
        flowId: 'f1',
        quietSeconds: 900,
        channelIds: [channel.id],
        params: { thresholdPercent: 40, windowMinutes: 60, minRuns: 10 },
      }),
    );
  });

  it('shows the runtime’s message when a rule is refused', async () => {
    runtime((call) =>
      call.method === 'POST' && call.path === '/api/alerts/rules'
        ? {
            status: 400,
            body: {
              error: { code: 'VALIDATION_FAILED', message: 'channelIds: no channel with id x' },
            },
          }
        : undefined,
    );
    withQueries(<AlertsSettings me={operator} />);
    await screen.findByText('Webhook (URL saved, not shown)');
    fireEvent.change(screen.getByLabelText('Rule name'), { target: { value: 'Failures' } });
    fireEvent.submit(screen.getByRole('form', { name: 'New rule' }));
    await screen.findByText(/no channel with id x/);
  });

  it('sets the error flow of a flow', async () => {
    const calls = runtime((call) =>
      call.method === 'PUT'
        ? { body: { errorFlowId: 'f2', errorFlowName: 'On failure' } }
        : undefined,
    );
    withQueries(<AlertsSettings me={operator} />);
    const select = await screen.findByLabelText('Error flow of Checkout');
    fireEvent.change(select, { target: { value: 'f2' } });
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT')).toMatchObject({
        method: 'PUT',
        path: '/api/flows/f1/error-flow',
        body: { errorFlowId: 'f2' },
      }),
    );
  });

  it('lets a viewer read but not change', async () => {
    runtime();
    withQueries(<AlertsSettings me={viewer} />);
    await screen.findByText('Webhook (URL saved, not shown)');
    expect(screen.queryByRole('form', { name: 'New channel' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Send test/ })).toBeNull();
    expect((screen.getByLabelText('Error flow of Checkout') as HTMLSelectElement).disabled).toBe(
      true,
    );
  });
});
