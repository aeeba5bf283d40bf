import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import { DisputeCasePage } from './dispute-case-page';
import type { DisputeCase, DisputeCaseDetail, ReportImport } from './disputes-api';
import { DisputesPage } from './disputes-page';
import { ratioMonth, THRESHOLDS } from './ratio.test-support';

const base: DisputeCase = {
  id: 'c1',
  caseNumber: 'CB-1001',
  processor: 'paytrace',
  kind: 'chargeback',
  channels: ['report', 'processor-notice'],
  status: 'open',
  amount: 123456,
  currency: 'USD',
  reasonCode: '13.1',
  reason: null,
  orderRef: '820982911946154508',
  orderName: '#1001',
  transactionId: '400017',
  cardLast4: '5439',
  openedOn: '2026-12-01',
  evidenceDueBy: '2026-12-05',
  daysLeft: -2,
  erpRef: 'dispute:paytrace:CB-1001',
  hasPacket: true,
  updatedAt: '2026-12-01T10:00:00Z',
};
const soon: DisputeCase = {
  ...base,
  id: 'c2',
  caseNumber: 'CB-1002',
  channels: ['shopify'],
  amount: 1500,
  currency: 'JPY',
  reasonCode: '4837',
  reason: 'fraudulent',
  evidenceDueBy: '2026-12-17',
  daysLeft: 10,
  orderName: null,
  orderRef: null,
};
const ratio = {
  months: [ratioMonth('2026-11', 2), ratioMonth('2026-12', 9)],
  thresholds: THRESHOLDS,
};

function renderWith(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}
const page = (role = 'operator') => (
  <DisputesPage me={{ label: 'Olga', role } as Me} liveMs={60_000} />
);

beforeEach(() => window.history.replaceState(null, '', '/disputes'));
afterEach(() => vi.unstubAllGlobals());

describe('DisputesPage', () => {
  it('lists open cases by deadline: days left or overdue, amount in its currency, reason in words, source and order', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/disputes') return { body: { cases: [base, soon], total: 2 } };
      if (c.path === '/api/disputes/ratio') return { body: ratio };
      return undefined;
    });
    renderWith(page());
    const overdue = await screen.findByTestId('case-CB-1001');
    expect(within(overdue).getByTestId('deadline-note').textContent).toBe('overdue by 2 days');
    expect(within(overdue).getByTestId('deadline-note').className).toBe('deadline-overdue');
    expect(overdue.textContent).toContain('1,234.56 USD');
    expect(overdue.textContent).toContain('Merchandise or services not received (13.1)');
    expect(overdue.textContent).toContain('PayTrace report, Processor notice');
    expect(within(overdue).getByRole('link', { name: '#1001' }).getAttribute('href')).toBe(
      '/runs?q=%231001',
    );
    expect(within(overdue).getByRole('link', { name: 'CB-1001' }).getAttribute('href')).toBe(
      '/disputes/c1',
    );
    const later = screen.getByTestId('case-CB-1002');
    expect(within(later).getByTestId('deadline-note').textContent).toBe('10 days left');
    expect(later.textContent).toContain('1,500 JPY');
    expect(later.textContent).toContain('fraudulent (4837)');
    expect(later.textContent).toContain('no order');
    expect(calls.find((c) => c.path === '/api/disputes')?.query).toMatchObject({ status: 'open' });
    // The ratio chart draws this month's ratio against the lines.
    await screen.findByTestId('ratio-chart');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('this month 0.90%');
  });

  it('loads further cases with the cursor ("Load more") until the last page', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/disputes') {
        return c.query.cursor === 'after-1'
          ? { body: { cases: [soon], total: 2, nextCursor: null } }
          : { body: { cases: [base], total: 2, nextCursor: 'after-1' } };
      }
      if (c.path === '/api/disputes/ratio') return { body: ratio };
      return undefined;
    });
    renderWith(page());
    await screen.findByTestId('case-CB-1001');
    expect(screen.getByText('Showing the 1 soonest deadlines of 2 open cases.')).toBeTruthy();
    expect(screen.queryByTestId('case-CB-1002')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Load more open cases' }));
    await screen.findByTestId('case-CB-1002');
    expect(screen.getByTestId('case-CB-1001')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Load more/ })).toBeNull();
    const listed = calls.filter((c) => c.path === '/api/disputes');
    expect(listed.map((c) => c.query.cursor)).toEqual([undefined, 'after-1']);
    expect(listed[1]!.query).toMatchObject({ status: 'open', limit: '200' });
  });

  it('says where cases come from when there are none, and shows a failed load with a retry', async () => {
    let fail = true;
    fakeRuntime((c) => {
      if (c.path === '/api/disputes') {
        return fail
          ? { status: 500, body: { error: { code: 'INTERNAL', message: 'database is down' } } }
          : { body: { cases: [], total: 0 } };
      }
      if (c.path === '/api/disputes/ratio') return { body: ratio };
      return undefined;
    });
    renderWith(page());
    const alert = await screen.findByText(/Could not load open cases: database is down/);
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByText(/No open cases\. Chargebacks arrive from Shopify/);
    expect(screen.getByRole('link', { name: 'Chargeback template' })).toBeTruthy();
  });

  it('imports a chargeback report and lists every refused line with its reason', async () => {
    const answer: ReportImport = {
      imported: 1,
      duplicates: 1,
      errors: [{ line: 4, message: 'amount: "12,5" is not an amount' }],
      rows: [],
    };
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/disputes') return { body: { cases: [], total: 0 } };
      if (c.path === '/api/disputes/ratio') return { body: ratio };
      if (c.path === '/api/disputes/report' && c.method === 'POST') return { body: answer };
      return undefined;
    });
    renderWith(page());
    const csv = 'Case Number,Amount,Received Date\nCB-1,10.00,2026-12-01\n';
    const file = new File([csv], 'chargebacks.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('Chargeback report file'), {
      target: { files: [file] },
    });
    const result = await screen.findByTestId('import-result');
    expect(result.textContent).toContain('1 case imported, 1 already known, 1 line refused.');
    expect(within(result).getByRole('alert').textContent).toBe(
      'Line 4: amount: "12,5" is not an amount',
    );
    expect(calls.find((c) => c.path === '/api/disputes/report')?.body).toBe(csv);
  });

  it('shows why a report could not be imported at all', async () => {
    fakeRuntime((c) => {
      if (c.path === '/api/disputes') return { body: { cases: [], total: 0 } };
      if (c.path === '/api/disputes/ratio') return { body: ratio };
      if (c.path === '/api/disputes/report') {
        const message = 'No active flow takes chargeback reports';
        return { status: 409, body: { error: { code: 'NO_CHARGEBACK_FLOW', message } } };
      }
      return undefined;
    });
    renderWith(page());
    const file = new File(['x'], 'r.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('Chargeback report file'), {
      target: { files: [file] },
    });
    await screen.findByText('Could not import the report: No active flow takes chargeback reports');
  });

  it('keeps the import from viewers, and the filters in the URL', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/disputes') return { body: { cases: [base], total: 1 } };
      if (c.path === '/api/disputes/ratio') return { body: ratio };
      return undefined;
    });
    renderWith(page('viewer'));
    await screen.findByTestId('case-CB-1001');
    expect(screen.queryByTestId('import-report')).toBeNull();
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'all' } });
    expect(window.location.search).toBe('?status=all');
    await waitFor(() => expect(calls.at(-1)?.query.status).toBeUndefined());
  });
});

describe('DisputeCasePage', () => {
  const detail = (c: DisputeCase): DisputeCaseDetail => ({
    case: c,
    timeline: [
      {
        at: '2026-12-01T10:00:00Z',
        kind: 'intake',
        channel: 'report',
        summary: 'Reported in the chargeback report',
        runId: 'r-1',
      },
    ],
    postings: [
      {
        journalId: 'j1',
        date: '2026-12-01',
        memo: 'Chargeback CB-1001',
        kind: 'open',
        amount: 123456,
        currency: 'USD',
      },
    ],
    runs: [{ id: 'r-1', status: 'succeeded', flowId: 'f', createdAt: '2026-12-01T10:00:00Z' }],
  });

  it('shows the case, its timeline with runs, and the packet as PDF and JSON downloads', async () => {
    fakeRuntime((c) => (c.path === '/api/disputes/c1' ? { body: detail(base) } : undefined));
    renderWith(<DisputeCasePage caseId="c1" liveMs={60_000} />);
    await screen.findByRole('heading', { name: 'Case CB-1001' });
    expect(screen.getByTestId('case-facts').textContent).toContain('overdue by 2 days');
    const pdf = screen.getByRole('link', { name: 'Download packet PDF' });
    expect(pdf.getAttribute('href')).toBe('/api/disputes/c1/packet.pdf');
    expect(screen.getByRole('link', { name: 'Download packet JSON' }).getAttribute('href')).toBe(
      '/api/disputes/c1/packet',
    );
    const timeline = screen.getByTestId('case-timeline');
    expect(timeline.textContent).toContain('Reported in the chargeback report');
    expect(within(timeline).getByRole('link', { name: 'run' }).getAttribute('href')).toBe(
      '/runs/r-1',
    );
    expect(screen.queryByTestId('outcome')).toBeNull();
  });

  it('shows the outcome of a closed case and no deadline; a packet not yet built says so', async () => {
    const lost = { ...base, status: 'lost' as const, hasPacket: false };
    fakeRuntime((c) => (c.path === '/api/disputes/c1' ? { body: detail(lost) } : undefined));
    renderWith(<DisputeCasePage caseId="c1" liveMs={60_000} />);
    const outcome = await screen.findByTestId('outcome');
    expect(outcome.textContent).toBe('Lost: the amount was written off to chargeback losses.');
    expect(screen.queryByTestId('deadline-note')).toBeNull();
    expect(screen.getByText(/Not assembled yet/)).toBeTruthy();
  });

  it('says when a case does not exist', async () => {
    fakeRuntime(() => undefined);
    renderWith(<DisputeCasePage caseId="nope" liveMs={60_000} />);
    await screen.findByText(/Could not load the case: no route/);
  });
});
