/**
 * Reporting: transactions by id and by date range (documented filters, plus an exact `invoice_id`
 * filter that is a simulator extension: the documented way is `including_text`), and batches
 * (`export_one`, `export` by date range, `transaction_list`).
 * @module
 */
import { Hono } from 'hono';
import type { SimContext, SimEnv } from './context.js';
import { errorOf } from './error-codes.js';
import { batchSummary, closedBatchSummary, statusOf, transactionRecord } from './export-records.js';
import { readBody, text, transactionId, type Body } from './request-body.js';
import { completed, sendErrors, sendJson } from './reply.js';
import { isPendingSettlement, type SimTransaction } from './state.js';

const FROM_IP = '127.0.0.1';

/** Parses `MM/DD/YYYY` to the UTC start of that day, or `undefined`. */
export function parseUsDate(value: string): number | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!match) return undefined;
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return ms;
}

function dateRange(body: Body): { from: number; to: number } | undefined {
  const from = parseUsDate(text(body, 'start_date'));
  const end = parseUsDate(text(body, 'end_date'));
  if (from === undefined || end === undefined || end < from) return undefined;
  return { from, to: end + 86_400_000 };
}

function matches(tx: SimTransaction, body: Body): boolean {
  const id = transactionId(body);
  if (id !== undefined && tx.id !== id) return false;
  const type = text(body, 'transaction_type').toUpperCase();
  if (type !== '' && type !== tx.type && type !== statusOf(tx)) return false;
  const customer = text(body, 'customer_id');
  if (customer !== '' && tx.customerId !== customer) return false;
  const invoice = text(body, 'invoice_id');
  if (invoice !== '' && tx.invoiceId !== invoice) return false;
  const search = text(body, 'including_text').toLowerCase();
  if (search !== '') {
    const haystack = [
      tx.invoiceId,
      tx.description,
      tx.customerReferenceId,
      tx.customerId,
      tx.billing.name,
    ];
    if (!haystack.some((field) => field.toLowerCase().includes(search))) return false;
  }
  return true;
}

/** Routes for transaction and batch exports. */
export function exportRoutes(sim: SimContext): Hono<SimEnv> {
  const all = () => [...sim.state.transactions.values()];
  return new Hono<SimEnv>()
    .post('/v1/transactions/export/by_id', async (c) => {
      const body = await readBody(c);
      const id = transactionId(body);
      if (id === undefined) return sendErrors(c, sim, errorOf(58));
      const tx = sim.state.transactions.get(id);
      if (!tx) return sendErrors(c, sim, errorOf(811));
      return sendJson(
        c,
        200,
        completed({
          transactions: [transactionRecord(tx, FROM_IP, sim.settings.unsettledValue)],
          external_transaction_id: '',
        }),
      );
    })
    .post('/v1/transactions/export/by_date_range', async (c) => {
      const body = await readBody(c);
      const range = dateRange(body);
      if (!range) return sendErrors(c, sim, errorOf(501));
      const txs = all().filter(
        (tx) => tx.createdAt >= range.from && tx.createdAt < range.to && matches(tx, body),
      );
      return sendJson(
        c,
        200,
        completed({
          transactions: txs.map((tx) =>
            transactionRecord(tx, FROM_IP, sim.settings.unsettledValue),
          ),
          external_transaction_id: '',
        }),
      );
    })
    .post('/v1/batches/export_one', async (c) => {
      const body = await readBody(c);
      const raw = body.batch_number;
      if (raw === undefined || raw === '') {
        const pending = all().filter(isPendingSettlement);
        return sendJson(
          c,
          200,
          completed({
            batch: batchSummary(Number(sim.state.sequences.peek('batch')), null, pending),
          }),
        );
      }
      const batch = sim.state.batches.find((b) => String(b.number) === String(raw));
      if (!batch) return sendErrors(c, sim, errorOf(504));
      return sendJson(
        c,
        200,
        completed({ batch: closedBatchSummary(batch, sim.state.transactions) }),
      );
    })
    .post('/v1/batches/export', async (c) => {
      const body = await readBody(c);
      const range = dateRange(body);
      if (!range) return sendErrors(c, sim, errorOf(501));
      const batches = sim.state.batches.filter(
        (b) => b.closedAt >= range.from && b.closedAt < range.to,
      );
      return sendJson(
        c,
        200,
        completed({ batches: batches.map((b) => closedBatchSummary(b, sim.state.transactions)) }),
      );
    })
    .post('/v1/batches/transaction_list', async (c) => {
      const body = await readBody(c);
      const batch = sim.state.batches.find((b) => String(b.number) === String(body.batch_number));
      if (!batch) return sendErrors(c, sim, errorOf(504));
      const txs = batch.transactionIds.flatMap((id) => sim.state.transactions.get(id) ?? []);
      return sendJson(
        c,
        200,
        completed({
          transactions: txs.map((tx) =>
            transactionRecord(tx, FROM_IP, sim.settings.unsettledValue),
          ),
        }),
      );
    });
}
