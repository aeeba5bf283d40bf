import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import type { FraudModelVersion, ModelFigures, TrainResult } from './fraud-api';
import { ModelPanel } from './model-panel';

const figures = (ap: number): ModelFigures => ({
  rocAuc: ap + 0.05,
  averagePrecision: ap,
  review: { precision: 0.9, recall: 0.5, flagged: 12 },
  block: { precision: 1, recall: 0.4, flagged: 9 },
  precisionTop1Percent: 1,
});
const shipped: FraudModelVersion = {
  version: 'synthetic-2',
  shipped: true,
  active: true,
  figures: null,
  createdAt: null,
  activatedAt: null,
  activatedBy: null,
};
const retrained: FraudModelVersion = {
  version: 'merchant-20261207T120000Z',
  shipped: false,
  active: false,
  figures: { candidate: figures(0.91), live: figures(0.42), liveVersion: 'synthetic-2' },
  createdAt: '2026-12-07T12:00:00Z',
  activatedAt: '2026-12-07T12:00:00Z',
  activatedBy: 'Olga',
};
const switched: TrainResult = {
  outcome: 'switched',
  candidate: retrained.version,
  live: 'synthetic-2',
  figures: { candidate: figures(0.91), live: figures(0.42) },
  labelSources: [
    { source: 'chargeback', label: 'fraud', count: 100 },
    { source: 'review-approved', label: 'legitimate', count: 20 },
    { source: 'dispute-window', label: 'legitimate', count: 550 },
  ],
  timeZone: 'America/New_York',
  // The runtime writes times in the store's zone: 19 November there, 20 November in UTC.
  trainedOn: { fraud: 80, legitimate: 400, before: '2026-11-19T21:30:00-05:00' },
  heldOut: { fraud: 30, legitimate: 170, from: '2026-11-19T21:30:00-05:00' },
};

function renderPanel(role: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ModelPanel me={{ label: 'Olga', role } as Me} />
    </QueryClientProvider>,
  );
}
afterEach(() => vi.unstubAllGlobals());

describe('ModelPanel', () => {
  it('retrains, shows both figures and that it switched, and lists the new active version', async () => {
    let trained = false;
    const calls = fakeRuntime((c) => {
      if (c.method === 'GET' && c.path === '/api/fraud/models')
        return {
          body: {
            models: trained
              ? [
                  { ...shipped, active: false },
                  { ...retrained, active: true },
                ]
              : [shipped],
          },
        };
      if (c.method === 'POST' && c.path === '/api/fraud/models/train') {
        trained = true;
        return { body: switched };
      }
      return undefined;
    });
    renderPanel('operator');
    await screen.findByTestId('model-synthetic-2');
    fireEvent.click(screen.getByRole('button', { name: 'Retrain model' }));
    const outcome = await screen.findByTestId('train-outcome');
    expect(outcome.textContent).toContain(
      'Switched: merchant-20261207T120000Z scores from now on.',
    );
    expect(outcome.textContent).toContain(
      '30 fraud and 170 legitimate orders since 2026-11-19 (America/New_York)',
    );
    expect(screen.getByTestId('label-sources').textContent).toBe(
      'Labels: 100 fraud chargebacks (fraud), 20 reviews approved (legitimate), 550 past the dispute window without a chargeback (legitimate).',
    );
    const rows = within(outcome).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('0.910');
    expect(rows[2]!.textContent).toContain('0.420');
    expect(calls.some((c) => c.path === '/api/fraud/models/train')).toBe(true);
    await waitFor(() =>
      expect(screen.getByTestId('model-merchant-20261207T120000Z').textContent).toContain('active'),
    );
    // Operators retrain but do not switch versions by hand.
    expect(screen.queryByRole('button', { name: 'Make active' })).toBeNull();
  });

  it('says why it did not retrain', async () => {
    fakeRuntime((c) =>
      c.path === '/api/fraud/models/train'
        ? {
            body: {
              outcome: 'refused',
              reason:
                'too few labelled orders: 3 fraud and 40 legitimate; retraining needs at least 30 fraud and 300 legitimate',
              labels: { fraud: 3, legitimate: 40 },
              labelSources: [
                { source: 'chargeback', label: 'fraud', count: 3 },
                { source: 'dispute-window', label: 'legitimate', count: 40 },
              ],
              timeZone: 'UTC',
              live: 'synthetic-2',
            },
          }
        : { body: { models: [shipped] } },
    );
    renderPanel('operator');
    fireEvent.click(await screen.findByRole('button', { name: 'Retrain model' }));
    expect((await screen.findByTestId('train-outcome')).textContent).toBe(
      'Not retrained: too few labelled orders: 3 fraud and 40 legitimate; retraining needs at least 30 fraud and 300 legitimate. synthetic-2 keeps scoring.',
    );
    expect(screen.getByTestId('label-sources').textContent).toBe(
      'Labels: 3 fraud chargebacks (fraud), 40 past the dispute window without a chargeback (legitimate).',
    );
  });

  it('lets an admin make the shipped model active again; a viewer only sees the versions', async () => {
    const calls = fakeRuntime((c) =>
      c.method === 'GET'
        ? {
            body: {
              models: [
                { ...shipped, active: false },
                { ...retrained, active: true },
              ],
            },
          }
        : c.path === '/api/fraud/models/shipped/activate'
          ? { body: shipped }
          : undefined,
    );
    renderPanel('admin');
    const row = await screen.findByTestId('model-synthetic-2');
    fireEvent.click(within(row).getByRole('button', { name: 'Make active' }));
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/fraud/models/shipped/activate')).toBe(true),
    );
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    fakeRuntime(() => ({ body: { models: [shipped, retrained] } }));
    renderPanel('viewer');
    await screen.findByTestId('model-merchant-20261207T120000Z');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
