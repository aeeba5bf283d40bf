import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { pdfText } from './pdf-text';
import { ADMIN_TOKEN, call, freshDatabase, startTestRuntime } from './support';

const DATE = '2026-03-02';
let rt: RuntimeHandle;
let sql: Sql;

/**
 * A reconciled day as the reconciliation writes it: totals, one batch whose deposit came in
 * short, a transaction settled but not booked (open) and a duplicate booking resolved with a
 * note typed in another script.
 */
async function seedDay() {
  await sql`
    insert into reconciliation_days
      (connection, business_date, currency, paytrace_gross, paytrace_refunds, paytrace_net, fees,
       erp_payments, erp_credit_memos, shopify_paid, bank_deposit, variance, open_items, batch_count)
    values ('PayTrace', ${DATE}, 'USD', 123456789, 1000000, 122456789, 3581245,
            122431789, 1000000, 123456789, 118800000, 25000, 1, 1)`;
  await sql`
    insert into reconciliation_batches
      (connection, batch_number, business_date, closed_at, currency, transaction_count, gross,
       refunds, net, fees_expected, deposit_amount)
    values ('PayTrace', 41, ${DATE}, '2026-03-02T23:00:00Z', 'USD', 2000, 123456789, 1000000,
            122456789, 3581245, 118800000)`;
  await sql`
    insert into reconciliation_items
      (connection, item_key, business_date, batch_number, kind, transaction_id, invoice_id,
       expected, actual, currency, status)
    values ('PayTrace', 'not_booked:900123', ${DATE}, 41, 'not_booked', '900123', 'INV-7',
            25000, null, 'USD', 'open')`;
  await sql`
    insert into reconciliation_items
      (connection, item_key, business_date, batch_number, kind, transaction_id, erp_ref,
       expected, actual, currency, status, note, resolved_by, resolved_at)
    values ('PayTrace', 'duplicate_booking:900124', ${DATE}, 41, 'duplicate_booking', '900124',
            'paytrace-900124-b', 5000, 10000, 'USD', 'resolved',
            'Reversed the second payment – 重複', 'Olga', now())`;
}

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url);
  sql = openSql(url, { max: 1 });
  await seedDay();
});
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

async function pdf(path: string) {
  return fetch(`${rt.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
}

describe('GET /api/reconciliation/days/{date}/report.pdf', () => {
  it('answers a PDF whose text has the day, the totals side by side, the variance and every item', async () => {
    const res = await pdf(`/api/reconciliation/days/${DATE}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="reconciliation-${DATE}.pdf"`,
    );
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).join('\n');

    expect(text).toContain(`Settlement reconciliation ${DATE}`);
    expect(text).toContain('Status: 1 open item');
    // The day's total row: PayTrace gross, refunds, net, ERP payments, credit memos, Shopify, bank.
    for (const figure of [
      '1,234,567.89 USD',
      '10,000.00 USD',
      '1,224,567.89 USD',
      '1,224,317.89 USD',
      '1,188,000.00 USD',
    ]) {
      expect(text).toContain(figure);
    }
    expect(text).toContain('Variance: +250.00 USD');
    // The batch: its deposit against net minus fees (1,224,567.89 - 35,812.45 = 1,188,755.44).
    expect(text).toContain('Batch 41 (2000)');
    expect(text).toContain('-755.44 USD');
    // Every item: kind in words, references, amounts, difference, status and note.
    expect(text).toContain('Unmatched items (1 open, 1 resolved)');
    expect(text).toContain('In PayTrace, not booked');
    expect(text).toContain('900123');
    expect(text).toContain('INV-7');
    expect(text).toContain('Duplicate booking');
    expect(text).toContain('+50.00 USD');
    expect(text).toContain('Reversed the second payment – ??');
  });

  it('says which day has not been reconciled instead of printing an empty report', async () => {
    const res = await call(rt.url!, 'GET', '/api/reconciliation/days/2026-03-03/report.pdf');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('2026-03-03 has not been reconciled');
    const bad = await call(rt.url!, 'GET', '/api/reconciliation/days/2026-13-01/report.pdf');
    expect(bad.status).toBe(400);
  });

  it('needs a signed-in caller', async () => {
    const res = await call(
      rt.url!,
      'GET',
      `/api/reconciliation/days/${DATE}/report.pdf`,
      undefined,
      {
        authorization: '',
      },
    );
    expect(res.status).toBe(401);
  });
});
