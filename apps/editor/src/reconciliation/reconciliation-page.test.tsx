import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/auth-api';
import { fakeRuntime, type FakeCall } from '../api/fake-runtime.test-support';
import { ToastProvider } from '../ui/toasts';
import type {
  ReconciliationBatch,
  ReconciliationDay,
  ReconciliationItem,
} from './reconciliation-api';
import { ReconciliationPage } from './reconciliation-page';

const DATE = '2026-03-02';
const day: ReconciliationDay = {
  connection: 'PayTrace',
  date: DATE,
  currency: 'USD',
  paytrace: { gross: 1_234_56, refunds: 10_00, net: 1_224_56, fees: 36_10 },
  erp: { payments: 1_199_56, creditMemos: 10_00 },
  shopifyPaid: 1_234_56,
  bankDeposit: null,
  variance: 25_00,
  openItems: 1,
  batchCount: 1,
  runId: null,
  flowRunId: null,
  updatedAt: '2026-03-03T06:00:00Z',
};
const batch: ReconciliationBatch = {
  connection: 'PayTrace',
  batchNumber: 41,
  date: DATE,
  closedAt: '2026-03-02T23:00:00Z',
  currency: 'USD',
  transactionCount: 12,
  gross: 1_234_56,
  refunds: 10_00,
  net: 1_224_56,
  feesExpected: 36_10,
  feesProcessor: null,
  expectedDeposit: 1_188_46,
  deposit: null,
  journalRef: null,
  journalId: null,
  postedAt: null,
  openItems: 1,
};
const RUN = '11111111-1111-4111-8111-111111111111';
const item: ReconciliationItem = {
  id: '22222222-2222-4222-8222-222222222222',
  connection: 'PayTrace',
  date: DATE,
  batchNumber: 41,
  kind: 'not_booked',
  transactionId: '900123',
  invoiceId: 'INV-7',
  erpRef: null,
  expected: 25_00,
  actual: null,
  currency: 'USD',
  detail: '',
  status: 'open',
  note: null,
  resolvedBy: null,
  resolvedAt: null,
  documentRef: null,
  runId: null,
  flowRunId: RUN,
  createdAt: '2026-03-03T06:00:00Z',
};

function renderPage(role: Me['role'] = 'operator', date: string | undefined = DATE) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ReconciliationPage me={{ label: 'Olga', role } as Me} date={date} />
      </ToastProvider>
    </QueryClientProvider>,
  );
}

/** A runtime with one reconciled day; resolving changes the item as the runtime would. */
function runtimeWithDay(): FakeCall[] {
  let current = item;
  return fakeRuntime((c) => {
    if (c.path === '/api/reconciliation/days') return { body: { days: [day] } };
    if (c.path === `/api/reconciliation/days/${DATE}`) return { body: { day, batches: [batch] } };
    if (c.path === '/api/reconciliation/items') {
      const wanted = c.query.status;
      const items = wanted && wanted !== current.status ? [] : [current];
      return { body: { items, counts: { not_booked: 1 }, nextCursor: null } };
    }
    if (
      c.method === 'POST' &&
      c.path === `/api/reconciliation/items/${item.id}/create-missing-document`
    ) {
      current = { ...current, status: 'resolved', documentRef: 'paytrace-900123' };
      return {
        body: {
          item: current,
          document: { type: 'payment', externalRef: 'paytrace-900123', id: 'p1', created: true },
        },
      };
    }
    if (c.method === 'POST' && c.path === `/api/reconciliation/items/${item.id}/resolve`) {
      const note = (c.body as { note: string }).note;
      current = { ...current, status: 'resolved', note, resolvedBy: 'Olga' };
      return { body: current };
    }
    return undefined;
  });
}

beforeEach(() => window.history.replaceState(null, '', `/reconciliation/${DATE}`));
afterEach(() => vi.unstubAllGlobals());

describe('ReconciliationPage', () => {
  it('shows the month with the day’s status, the totals side by side and the item in words', async () => {
    runtimeWithDay();
    renderPage();
    const cell = await screen.findByTestId(`day-${DATE}`);
    await waitFor(() => expect(cell.textContent).toContain('1 open item'));
    expect(screen.getByRole('heading', { name: 'Reconciliation' })).toBeTruthy();
    expect(screen.getByText('March 2026')).toBeTruthy();

    const totals = await screen.findByTestId('recon-totals');
    const dayTotal = within(totals).getByTestId('totals-day');
    expect(dayTotal.textContent).toContain('1,234.56');
    expect(dayTotal.textContent).toContain('1,199.56');
    expect(dayTotal.textContent).toContain('+25.00 USD');
    expect(dayTotal.textContent).toContain('n/a'); // no bank statement yet
    expect(within(totals).getByTestId('totals-batch-41').textContent).toContain('Batch 41');

    const row = await screen.findByTestId(`recon-item-${item.id}`);
    expect(row.textContent).toContain('In PayTrace, not booked');
    expect(row.textContent).toContain('900123');
    expect(row.textContent).toContain('25.00');
    expect(within(row).getByRole('link', { name: 'Open run' }).getAttribute('href')).toBe(
      `/runs/${RUN}`,
    );
    expect(
      within(row).getByRole('button', { name: 'Create the missing ERP document' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      `/api/reconciliation/days/${DATE}/report.csv`,
    );
    expect(screen.getByRole('link', { name: 'Export PDF' }).getAttribute('href')).toBe(
      `/api/reconciliation/days/${DATE}/report.pdf`,
    );
  });

  it('resolves an item only with a note, sends the note and shows it resolved', async () => {
    const calls = runtimeWithDay();
    renderPage();
    const row = await screen.findByTestId(`recon-item-${item.id}`);
    fireEvent.click(within(row).getByRole('button', { name: 'Mark resolved' }));
    const dialog = await screen.findByTestId('resolve-item-dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Say how/);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(dialog).getByRole('textbox'), {
      target: { value: 'Booked by hand in the ERP' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(screen.queryByTestId('resolve-item-dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      note: 'Booked by hand in the ERP',
    });

    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'resolved' } });
    const resolved = await screen.findByTestId('item-resolved');
    expect(resolved.textContent).toContain('Booked by hand in the ERP');
  });

  it('books the missing payment once asked, says what it booked and takes the item off the open list', async () => {
    const calls = runtimeWithDay();
    renderPage();
    const row = await screen.findByTestId(`recon-item-${item.id}`);
    fireEvent.click(within(row).getByRole('button', { name: 'Create the missing ERP document' }));
    expect((await screen.findByTestId('toast-info')).textContent).toContain(
      'Booked payment paytrace-900123',
    );
    await screen.findByTestId('recon-items-empty');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      `/api/reconciliation/items/${item.id}/create-missing-document`,
    ]);
  });

  it('gives viewers no actions and says when a day has not been reconciled', async () => {
    fakeRuntime((c) => {
      if (c.path === '/api/reconciliation/days') return { body: { days: [] } };
      if (c.path.startsWith('/api/reconciliation/days/'))
        return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'not reconciled' } } };
      if (c.path === '/api/reconciliation/items')
        return { body: { items: [], counts: {}, nextCursor: null } };
      return undefined;
    });
    renderPage('viewer');
    await screen.findByTestId('recon-day-empty');
    expect(screen.getByTestId('recon-empty-month').textContent).toMatch(/No day of March 2026/);
    expect(screen.getByTestId('recon-items-empty')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reconcile a date range' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Upload bank statement' })).toBeNull();
  });

  it('shows the runtime’s message when the days cannot be read', async () => {
    fakeRuntime(() => ({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'database unavailable' } },
    }));
    renderPage('viewer', undefined);
    expect((await screen.findAllByRole('alert'))[0]!.textContent).toContain('database unavailable');
  });
});
