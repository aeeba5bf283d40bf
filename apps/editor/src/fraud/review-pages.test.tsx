import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import type { FraudReview, FraudReviewDetail, VelocityCounters } from './fraud-api';
import { ReviewPage } from './review-page';
import { ReviewQueuePage } from './review-queue-page';

const H = 3_600_000;
const held: FraudReview = {
  id: 'rv-1',
  runId: 'run-1',
  orderId: '9101',
  orderName: '#9101',
  email: 'kim.lee@example.com',
  amount: { minor: 24900, currency: 'USD' },
  status: 'waiting',
  score: 71,
  level: 'elevated',
  reasons: [
    {
      feature: 'country_mismatch',
      text: 'billing and shipping countries differ',
      direction: 'raises',
      weight: 1.2,
    },
    { feature: 'avs', text: 'address did not match (AVS)', direction: 'raises', weight: 0.9 },
    {
      feature: 'prior',
      text: '1 earlier order from this customer',
      direction: 'lowers',
      weight: -0.3,
    },
    { feature: 'ip', text: 'IP in another country', direction: 'raises', weight: 0.2 },
  ],
  createdAt: new Date(Date.now() - 2 * H).toISOString(),
  expiresAt: new Date(Date.now() + 70 * H).toISOString(),
  timeoutAction: 'reject',
  decidedAt: null,
  decidedBy: null,
  note: null,
  timedOut: false,
};
const timedOut: FraudReview = {
  ...held,
  id: 'rv-2',
  orderId: '9102',
  orderName: '#9102',
  status: 'rejected',
  level: 'high',
  score: 88,
  timedOut: true,
  decidedBy: 'timeout',
  decidedAt: new Date(Date.now() - H).toISOString(),
};
const quiet = { orders: 0, amountMinor: 0, distinctCards: 0, failedAttempts: 0 };
const counters = (h1 = quiet): VelocityCounters => ({ h1, h24: h1, d7: h1 });
const detail: FraudReviewDetail = {
  review: held,
  order: {
    id: 9101,
    name: '#9101',
    created_at: '2026-12-07T10:00:00Z',
    email: 'kim.lee@example.com',
    total_price: '249.00',
    currency: 'USD',
    billing_address: { address1: '1 Oak St', city: 'Austin', zip: '78701', country_code: 'US' },
    shipping_address: { address1: '7 High St', city: 'Leeds', zip: 'LS1 4DY', country_code: 'GB' },
    line_items: [{ sku: 'WATCH-007', title: 'Diver watch', quantity: 1, price: '249.00' }],
  },
  ipAddress: '105.112.4.9',
  ipCountry: 'NG',
  paymentCheck: { avsResponse: 'No Match', cscResponse: 'Match', maskedCard: '************5439' },
  history: {
    velocity: {
      email: counters({ orders: 2, amountMinor: 49800, distinctCards: 2, failedAttempts: 1 }),
      ip: counters(),
      card: counters(),
      shippingAddress: counters(),
      device: counters(),
    },
    customer: {
      firstSeenAt: '2026-12-07T09:30:00Z',
      priorOrders: 1,
      priorRefunds: 0,
      priorChargebacks: 0,
      amountP90Minor: null,
      knownShippingAddresses: 1,
      shippingAddressSeenBefore: false,
    },
    emailFirstSeenAt: '2026-12-07T09:30:00Z',
    storeMedianAmountMinor: 5000,
  },
  features: { country_mismatch: 1 },
  modelVersion: 'prior-2026-12',
  customerAttempts: [
    {
      orderId: '9100',
      createdAt: '2026-12-07T09:30:00Z',
      amount: { minor: 24900, currency: 'USD' },
      approved: true,
      refunded: false,
      chargebackAt: null,
    },
  ],
};

function renderWith(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}
const me = (role: string) => ({ label: 'Olga', role }) as Me;

beforeEach(() => window.history.replaceState(null, '', '/fraud'));
afterEach(() => vi.unstubAllGlobals());

describe('ReviewQueuePage', () => {
  it('lists waiting orders by default with score, total, age, deadline and top reasons', async () => {
    const calls = fakeRuntime((c) =>
      c.path === '/api/fraud/reviews'
        ? { body: { reviews: [held], total: 1, waiting: 1 } }
        : undefined,
    );
    renderWith(<ReviewQueuePage liveMs={60_000} />);
    const row = await screen.findByTestId('review-#9101');
    expect(calls[0]!.query).toEqual({ status: 'waiting', limit: '500' });
    expect(within(row).getByTestId('score-badge').className).toContain('score-warn');
    expect(within(row).getByTestId('score-badge').textContent).toBe('71Elevated');
    expect(row.textContent).toContain('249.00 USD');
    expect(row.textContent).toContain('kim.lee@example.com');
    expect(row.textContent).toContain('waiting 2 h');
    expect(within(row).getByTestId('review-deadline').textContent).toMatch(
      /^timeout rejects in 2 d 2[12] h/,
    );
    expect(within(row).getAllByRole('listitem')).toHaveLength(3);
    expect(within(row).getByRole('link', { name: '#9101' }).getAttribute('href')).toBe(
      '/fraud/rv-1',
    );
    expect(screen.getByTestId('waiting-count').textContent).toBe('1 order waiting');
  });

  it('filters by timed out through the runtime and keeps the filter in the URL', async () => {
    const calls = fakeRuntime((c) =>
      c.path === '/api/fraud/reviews'
        ? {
            body:
              c.query['timedOut'] === 'true'
                ? { reviews: [timedOut], total: 1, waiting: 1 }
                : { reviews: [held], total: 1, waiting: 1 },
          }
        : undefined,
    );
    renderWith(<ReviewQueuePage liveMs={60_000} />);
    await screen.findByTestId('review-#9101');
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'timed-out' } });
    const row = await screen.findByTestId('review-#9102');
    expect(calls.at(-1)!.query).toEqual({ timedOut: 'true', limit: '500' });
    expect(window.location.search).toBe('?show=timed-out');
    expect(row.textContent).toContain('Timed out: rejected');
    expect(row.textContent).toContain('nobody decided in time');
    expect(within(row).queryByTestId('review-deadline')).toBeNull();
  });

  it('says where held orders come from when none waits', async () => {
    fakeRuntime(() => ({ body: { reviews: [], total: 0, waiting: 0 } }));
    renderWith(<ReviewQueuePage liveMs={60_000} />);
    expect((await screen.findByText(/No order is waiting for review/)).textContent).toContain(
      'Fraud review',
    );
  });
});

describe('ReviewPage', () => {
  it('shows every reason as a bar, the signals, velocity and the customer’s history', async () => {
    fakeRuntime((c) => (c.path === '/api/fraud/reviews/rv-1' ? { body: detail } : undefined));
    renderWith(<ReviewPage reviewId="rv-1" me={me('viewer')} liveMs={60_000} />);
    await screen.findByRole('heading', { name: '#9101' });
    expect(screen.getAllByTestId('reason-bar')).toHaveLength(4);
    const signals = screen.getByTestId('signals');
    expect(signals.textContent).toContain('1 Oak St, Austin 78701, US');
    expect(signals.textContent).toContain('7 High St, Leeds LS1 4DY, GB');
    expect(signals.textContent).toContain('105.112.4.9 located in NG');
    expect(screen.getByTestId('countries').textContent).toBe(
      'billing US · shipping GB · IP NG (they differ)',
    );
    expect(signals.textContent).toContain('No Match');
    expect(signals.textContent).toContain('************5439');
    expect(signals.textContent).toContain('1 × Diver watch');
    const email = screen.getByTestId('velocity-email');
    expect(email.textContent).toContain('2 orders, 498.00 USD');
    expect(email.textContent).toContain('2 cards · 1 failed');
    // Busy counters stand out; quiet ones do not.
    expect(email.querySelectorAll('td.velocity-busy')).toHaveLength(3);
    expect(screen.getByTestId('velocity-card').querySelectorAll('td.velocity-busy')).toHaveLength(
      0,
    );
    expect(screen.getByTestId('velocity-ip').textContent).toBe('IP addressnonenonenone');
    expect(screen.getByTestId('customer-summary').textContent).toContain('Earlier orders1');
    expect(screen.getByTestId('customer-orders').textContent).toContain('9100');
    // A viewer looks but does not decide.
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
    expect(screen.getByText(/you can look but not decide/)).toBeTruthy();
  });

  it('approves with a note, then shows the decision and refreshes the review', async () => {
    let decided = false;
    const calls = fakeRuntime((c) => {
      if (c.method === 'POST' && c.path === '/api/fraud/reviews/rv-1/approve') {
        decided = true;
        return { body: { ...held, status: 'approved', note: 'Called them', decidedBy: 'Olga' } };
      }
      if (c.path === '/api/fraud/reviews/rv-1') {
        return {
          body: decided
            ? {
                ...detail,
                review: {
                  ...held,
                  status: 'approved',
                  note: 'Called them',
                  decidedBy: 'Olga',
                  decidedAt: new Date().toISOString(),
                },
              }
            : detail,
        };
      }
      return undefined;
    });
    renderWith(<ReviewPage reviewId="rv-1" me={me('operator')} liveMs={60_000} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve (capture)' }));
    const dialog = screen.getByTestId('decision-dialog');
    fireEvent.change(within(dialog).getByLabelText('Note (optional)'), {
      target: { value: ' Called them ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.getByTestId('review-status').textContent).toBe('Approved'));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ note: 'Called them' });
    expect(screen.getByRole('status').textContent).toMatch(/captures the payment/);
    expect(screen.getByTestId('review-note').textContent).toBe('Note: Called them');
    expect(screen.queryByRole('button', { name: 'Approve (capture)' })).toBeNull();
    expect(screen.queryByTestId('decision-dialog')).toBeNull();
  });

  it('shows the runtime’s 409 when someone else decided first', async () => {
    fakeRuntime((c) => {
      if (c.method === 'POST') {
        return {
          status: 409,
          body: {
            error: {
              code: 'ALREADY_DECIDED',
              message:
                'This review was already approved by ada@example.com at 2026-12-07T11:00:00Z',
            },
          },
        };
      }
      return c.path === '/api/fraud/reviews/rv-1' ? { body: detail } : undefined;
    });
    renderWith(<ReviewPage reviewId="rv-1" me={me('admin')} liveMs={60_000} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reject (void and cancel)' }));
    const dialog = screen.getByTestId('decision-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'This review was already approved by ada@example.com at 2026-12-07T11:00:00Z',
    );
  });
});
