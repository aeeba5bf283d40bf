import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  ledgerForNode,
  memoryEffectStore,
  type EffectStore,
  type ExecuteContext,
} from '@paybridge/engine';
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
