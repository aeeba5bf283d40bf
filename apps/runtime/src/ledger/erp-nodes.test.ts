import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  evaluateExpression,
  ledgerForNode,
  memoryEffectStore,
  type EffectStore,
  type ExecuteContext,
} from '@paybridge/engine';
import { InvoiceInput } from '@paybridge/nodes/erp';
import { erpExecutorFactories, type ErpRuntimeOptions } from '@paybridge/nodes/erp/server';
import { createQuickbooksSimulator, QUICKBOOKS_DEMO_APP } from '@paybridge/sandbox';
import { freshDatabase, TEST_SECRET_KEY } from '../../test/support';
import { ConnectionStore } from '../connections/connection-store';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { KeyRing } from '../secrets/key-ring';
import { masterKey, parseMasterKey } from '../secrets/master-key';
import { createBuiltInLedger } from './built-in-ledger';
import { createConnectionTokenStore } from './quickbooks-token-store';

let sql: Sql;
beforeAll(async () => {
  const url = await freshDatabase();
  const db = createDb(url, 6);
  sql = db.sql;
  await migrateDatabase(db.db, sql, url, createLogger('warn'));
});
afterAll(async () => {
  await sql?.end();
});

const ORDER = {
  id: '5678901234567890999',
  name: '#1002',
  currency: 'JPY',
  created_at: '2025-09-01T10:00:00+09:00',
  customer: { id: '7390123456789012999', first_name: 'Hana', last_name: 'Sato' },
  line_items: [{ title: 'Matcha', quantity: 2, price: '1500' }],
  total_tax: '300',
  total_discounts: '0',
};

type Factory = (options: { erp?: ErpRuntimeOptions }) => {
  execute(ctx: ExecuteContext<any>): Promise<any>;
  spec: { config: { parse(v: unknown): unknown } };
};

function context(
  factory: Factory,
  options: { erp?: ErpRuntimeOptions },
  config: Record<string, unknown>,
  input: unknown,
  extra: {
    effects?: EffectStore;
    runId?: string;
    connection?: { type: string; values: Record<string, unknown> };
  } = {},
): Promise<any> {
  const executor = factory(options);
  const runId = extra.runId ?? 'run-1';
  const ctx: ExecuteContext<any> = {
    runId,
    flowId: 'flow-1',
    nodeId: 'erp',
    config: executor.spec.config.parse(config),
    input,
    attempt: 1,
    idempotencyKey: `${runId}:erp`,
    signal: new AbortController().signal,
    resume: undefined,
    now: () => new Date('2025-09-02T00:00:00Z'),
    env: {},
    connection: extra.connection?.values,
    connectionType: extra.connection?.type,
    effects: extra.effects ? ledgerForNode(extra.effects, 'erp') : undefined,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    evaluate: (expression, data) =>
      evaluateExpression(expression, data, { trigger: ORDER, env: {}, node: () => undefined }),
  };
  return executor.execute(ctx);
}

const invoiceNode = erpExecutorFactories['erp.invoice-from-order'] as unknown as Factory;
const customerNode = erpExecutorFactories['erp.customer-upsert'] as unknown as Factory;

describe('ERP nodes on the built-in ledger', () => {
  it('post an invoice once when the node is replayed three times (JPY, exponent 0)', async () => {
    const options = { erp: { builtIn: createBuiltInLedger(sql) } };
    await context(customerNode, options, {}, ORDER);
    const effects = memoryEffectStore();
    const outputs = [
      await context(invoiceNode, options, {}, ORDER, { effects }),
      await context(invoiceNode, options, {}, ORDER, { effects }),
      await context(invoiceNode, options, {}, ORDER, {
        effects: effects.forRun('run-2'),
        runId: 'run-2',
      }),
      // Even with the effect record gone, the ledger's unique reference returns the first one.
      await context(invoiceNode, options, {}, ORDER, { effects: memoryEffectStore() }),
    ];
    expect(outputs.map((o) => o.output.origin)).toEqual(['erp', 'ledger', 'ledger', 'erp']);
    expect(outputs.map((o) => o.output.created)).toEqual([true, false, false, false]);
    expect(outputs[0].output.document).toMatchObject({
      currency: 'JPY',
      subtotal: 3000,
      tax: 300,
      total: 3300,
    });
    const [row] = await sql`select count(*)::int as n from ledger.invoices
      where external_ref = ${`shopify-order-${ORDER.id}`}`;
    expect(row!.n).toBe(1);
    const [entries] =
      await sql`select count(*)::int as n from ledger.journal_entries where source = 'invoice'`;
    expect(entries!.n).toBe(1);
  });

  it('validate the document once on its way from the node into the ledger', async () => {
    const options = { erp: { builtIn: createBuiltInLedger(sql) } };
    const order = { ...ORDER, id: '5678901234567890998' };
    await context(customerNode, options, {}, order);
    const parse = vi.spyOn(InvoiceInput, 'safeParse');
    try {
      const posted = await context(invoiceNode, options, {}, order);
      expect(posted.output).toMatchObject({ created: true, document: { total: 3300 } });
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});

describe('QuickBooks refresh tokens', () => {
  it('are written back, sealed, into the connection whenever Intuit rotates them', async () => {
    const sim = createQuickbooksSimulator();
    const fetchSim: typeof fetch = async (input, init) =>
      sim.app.request(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        init as RequestInit,
      );
    const connections = new ConnectionStore(
      sql,
      new KeyRing({ kind: 'env' }, masterKey(parseMasterKey(TEST_SECRET_KEY)!)),
    );
    const initial = sim.handle.connect().refreshToken;
    const created = await connections.create(
      {
        type: 'quickbooks',
        name: 'Books',
        values: {
          environment: 'simulator',
          clientId: QUICKBOOKS_DEMO_APP.clientId,
          clientSecret: QUICKBOOKS_DEMO_APP.clientSecret,
          realmId: sim.handle.realmId,
          refreshToken: initial,
          baseUrl: 'http://qbo.sim',
        },
      },
      null,
    );
    const id = created.id;
    const run = async () => {
      const resolved = (await connections.resolve(id))!;
      const options = {
        erp: { quickbooks: { tokens: createConnectionTokenStore(connections), fetch: fetchSim } },
      };
      return context(customerNode, options, { connectionId: id }, ORDER, {
        connection: { type: 'quickbooks', values: resolved.values },
      });
    };
    expect((await run()).output).toMatchObject({ erp: 'quickbooks-online', created: true });
    const rotated = (await connections.resolve(id))!.values.refreshToken;
    expect(rotated).not.toBe(initial);
    // A new process (fresh token store), the old token dead: the stored one keeps working.
    sim.handle.expireAccessTokens();
    expect((await run()).output.created).toBe(false);
    const [row] = await sql`select secrets::text as s from connections where id = ${id}`;
    expect(row!.s).not.toContain(String(rotated));
  });
});

const journalNode = erpExecutorFactories['erp.journal-post'] as unknown as Factory;
const creditMemoNode = erpExecutorFactories['erp.credit-memo'] as unknown as Factory;

/** A settlement batch summary as `paytrace.batches-export` emits it. */
function batch(number: number, sales: number | null, refunds: number | null) {
  const usd = (minor: number | null) => (minor === null ? null : { minor, currency: 'USD' });
  return {
    batchNumber: number,
    createdAt: '9/2/2025 5:00:00 PM',
    transactionCount: null,
    netAmount: usd(sales === null && refunds === null ? null : (sales ?? 0) - (refunds ?? 0)),
    salesCount: null,
    salesAmount: usd(sales),
    refundCount: null,
    refundAmount: usd(refunds),
  };
}

describe('the default settlement journal on the built-in ledger', () => {
  it('posts a batch of refunds only, a mixed batch, and nothing for an empty batch', async () => {
    const options = { erp: { builtIn: createBuiltInLedger(sql) } };
    const refundsOnly = await context(journalNode, options, {}, batch(9001, null, 2500));
    expect(refundsOnly.output.document).toMatchObject({
      externalRef: 'settlement-9001',
      date: '2025-09-02',
      total: 2500,
    });
    expect(refundsOnly.output.document.lines).toEqual([
      expect.objectContaining({ account: '1000', debit: 0, credit: 2500 }),
      expect.objectContaining({ account: '1050', debit: 2500, credit: 0 }),
    ]);
    const mixed = await context(
      journalNode,
      options,
      {},
      {
        batches: [batch(9002, 10000, 2500)],
        count: 1,
      },
    );
    expect(mixed.output.document.lines).toEqual([
      expect.objectContaining({ account: '1000', debit: 7500 }),
      expect.objectContaining({ account: '1050', credit: 10000 }),
      expect.objectContaining({ account: '1050', debit: 2500 }),
    ]);
    for (const empty of [batch(9003, null, null), batch(9004, 0, 0), { batches: [], count: 0 }]) {
      const result = await context(journalNode, options, {}, empty);
      expect(result.output).toEqual({
        erp: 'built-in',
        created: false,
        origin: 'empty',
        document: null,
      });
    }
    const [row] = await sql`select count(*)::int as n from ledger.journal_entries
      where external_ref like 'settlement-900%'`;
    expect(row!.n).toBe(2);
  });
});

describe('the default credit memo', () => {
  const usdOrder = {
    ...ORDER,
    id: '5678901234567000777',
    currency: 'USD',
    line_items: [{ title: 'Tea', quantity: 3, price: '19.99' }],
    total_tax: '4.80',
    total_discounts: '5.00',
    total_shipping_price_set: { shop_money: { amount: '5.00', currency_code: 'USD' } },
  };
  const bag = (amount: string) => ({ shop_money: { amount, currency_code: 'USD' } });
  const refund = (id: string, extra: Record<string, unknown>, paid: string) => ({
    id,
    order_id: usdOrder.id,
    created_at: '2025-09-03T09:00:00-04:00',
    refund_line_items: [],
    refund_shipping_lines: [],
    order_adjustments: [],
    transactions: [
      { kind: 'refund', status: 'success', amount: paid, currency: 'USD' },
      { kind: 'refund', status: 'failure', amount: paid, currency: 'USD' },
    ],
    ...extra,
  });

  it('reads order adjustments: legacy shipping refunds and refund discrepancies', async () => {
    const options = { erp: { builtIn: createBuiltInLedger(sql) } };
    await context(invoiceNode, options, {}, usdOrder);
    // Two discounted teas (36.65 after 3.33 of discount) with 3.20 tax, shipping 5.00 with 0.41
    // tax as a pre-2024-10 adjustment, and 1.00 more given back as a discrepancy: 46.26.
    const memo = await context(
      creditMemoNode,
      options,
      {},
      refund(
        '929361001',
        {
          refund_line_items: [
            {
              quantity: 2,
              subtotal: 36.65,
              total_tax: 3.2,
              subtotal_set: bag('36.65'),
              total_tax_set: bag('3.20'),
              line_item: { title: 'Tea', price: '19.99', price_set: bag('19.99') },
            },
          ],
          order_adjustments: [
            {
              kind: 'shipping_refund',
              amount: '-5.00',
              tax_amount: '-0.41',
              amount_set: bag('-5.00'),
              tax_amount_set: bag('-0.41'),
            },
            {
              kind: 'refund_discrepancy',
              amount: '-1.00',
              tax_amount: '0.00',
              amount_set: bag('-1.00'),
              tax_amount_set: bag('0.00'),
            },
          ],
        },
        '46.26',
      ),
    );
    expect(memo.output.document).toMatchObject({ total: 4626, refunded: 4626, applied: 0 });
    const [row] = await sql`select subtotal::int, tax::int, shipping::int, discount::int
      from ledger.credit_memos where external_ref = 'shopify-refund-929361001'`;
    expect(row).toEqual({ subtotal: 3998 + 100, tax: 361, shipping: 500, discount: 333 });
  });

  it('credits a refund of money only, and a refund for less than its lines', async () => {
    const options = { erp: { builtIn: createBuiltInLedger(sql) } };
    const moneyOnly = await context(creditMemoNode, options, {}, refund('929361002', {}, '2.50'));
    expect(moneyOnly.output.document).toMatchObject({ total: 250, refunded: 250 });
    const less = await context(
      creditMemoNode,
      options,
      {},
      refund(
        '929361003',
        {
          refund_line_items: [
            {
              quantity: 1,
              subtotal_set: bag('18.32'),
              total_tax_set: bag('1.60'),
              line_item: { title: 'Tea', price_set: bag('19.99') },
            },
          ],
          order_adjustments: [
            { amount_set: bag('9.92'), tax_amount_set: bag('0.00'), reason: 'REFUND_DISCREPANCY' },
          ],
        },
        '10.00',
      ),
    );
    expect(less.output.document).toMatchObject({ total: 1000, refunded: 1000, remainingCredit: 0 });
  });
});
