/**
 * The demo's results page in one answer: where one Shopify order stands in all three systems
 * (the Shopify simulator's order, the PayTrace simulator's transactions, the built-in ledger's
 * documents) and whether the ledger balances. Card data stops at the last four digits.
 *
 * @module
 */
import type { z } from '@hono/zod-openapi';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { toMinor } from '../ledger/ledger-sql';
import { trialBalance } from '../ledger/reports';
import type { DemoResults } from './api-schemas';
import { answer, demoSimulators, type Simulator } from './demo-simulators';

type Results = z.infer<typeof DemoResults>;

interface OrderView {
  id: unknown;
  name: string;
  financial_status: string;
  tags: string;
  note: string | null;
  metafields: { namespace: string; key: string; value: string }[];
}

interface SimTransaction {
  id: number;
  type: string;
  responseCode: number;
  amountCents: number;
  voided: boolean;
  description: string;
  approvalMessage: string;
  refundOf: number | null;
  card: { lastFour: string };
}

async function shopifyOrder(shopify: Simulator, orderId: string): Promise<OrderView> {
  const res = await shopify.request(`/__admin/orders/${orderId}`);
  if (res.status === 404)
    throw new ApiError(
      404,
      'DEMO_ORDER_NOT_FOUND',
      `Shopify order ${orderId} is not in the simulator`,
    );
  return (await answer<{ order: OrderView }>(res, 'Reading the order')).order;
}

/**
 * The order's PayTrace transactions: the sale in its `transaction_id` metafield and every try
 * whose description names the order (the templates describe sales as "Shopify order <name>"),
 * then the refunds of those.
 */
async function paytraceOf(paytrace: Simulator, order: OrderView, transactionId?: string) {
  const { transactions } = await answer<{ transactions: SimTransaction[] }>(
    await paytrace.request('/__admin/transactions'),
    'Reading the PayTrace simulator',
  );
  const sales = new Set(
    transactions
      .filter(
        (t) =>
          t.type !== 'REFUND' &&
          (String(t.id) === transactionId || t.description === `Shopify order ${order.name}`),
      )
      .map((t) => t.id),
  );
  return transactions
    .filter((t) => sales.has(t.id) || (t.refundOf !== null && sales.has(t.refundOf)))
    .map((t) => ({
      id: String(t.id),
      type: t.type,
      amount: t.amountCents,
      status: t.voided
        ? ('voided' as const)
        : t.type === 'REFUND'
          ? ('refund' as const)
          : t.responseCode === 101
            ? ('approved' as const)
            : ('declined' as const),
      message: t.approvalMessage,
      cardLastFour: t.card.lastFour,
      refundOf: t.refundOf === null ? null : String(t.refundOf),
    }));
}

/** The order's invoice, its customer, payments and credit memos in the built-in ledger. */
async function ledgerOf(deps: AppDeps, orderId: string): Promise<Results['ledger']> {
  const ref = `shopify-order-${orderId}`;
  const [invoice] = await deps.sql<
    {
      id: string;
      currency: string;
      total: string;
      openBalance: string;
      customerRef: string;
      paytraceCustomerId: string | null;
    }[]
  >`select i.id, i.currency, i.total, i.open_balance as "openBalance",
      c.external_ref as "customerRef", c.paytrace_customer_id as "paytraceCustomerId"
    from ledger.invoices i join ledger.customers c on c.id = i.customer_id
    where i.external_ref = ${ref}`;
  const tb = await trialBalance(deps.sql, {});
  const balanced = tb.totals.every((t) => t.balanced);
  if (!invoice)
    return {
      invoice: null,
      customer: null,
      payments: [],
      creditMemos: [],
      trialBalanceBalanced: balanced,
    };
  const payments = await deps.sql<{ ref: string; currency: string; amount: string }[]>`
    select external_ref as ref, currency, amount from ledger.payments
    where invoice_id = ${invoice.id} order by created_at`;
  const memos = await deps.sql<
    { ref: string; currency: string; total: string; refunded: string }[]
  >`select external_ref as ref, currency, total, refunded from ledger.credit_memos
    where invoice_id = ${invoice.id} order by created_at`;
  return {
    invoice: {
      ref,
      currency: invoice.currency,
      amount: toMinor(invoice.total),
      openBalance: toMinor(invoice.openBalance),
    },
    customer: { ref: invoice.customerRef, paytraceCustomerId: invoice.paytraceCustomerId },
    payments: payments.map((p) => ({
      ref: p.ref,
      currency: p.currency,
      amount: toMinor(p.amount),
    })),
    creditMemos: memos.map((m) => ({
      ref: m.ref,
      currency: m.currency,
      amount: toMinor(m.total),
      refunded: toMinor(m.refunded),
    })),
    trialBalanceBalanced: balanced,
  };
}

/** Where the Shopify order `orderId` stands in the three systems (see the module comment). */
export async function demoResults(deps: AppDeps, orderId: string): Promise<Results> {
  const sandbox = demoSimulators(deps);
  const order = await shopifyOrder(sandbox.shopify, orderId);
  const metafields: Record<string, string> = {};
  for (const m of order.metafields) if (m.namespace === 'paytrace') metafields[m.key] = m.value;
  return {
    shopify: {
      orderId,
      name: order.name,
      financialStatus: order.financial_status,
      tags: order.tags
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
      note: order.note,
      metafields,
    },
    paytrace: await paytraceOf(sandbox.paytrace, order, metafields.transaction_id),
    ledger: await ledgerOf(deps, orderId),
  };
}
