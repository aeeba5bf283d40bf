import { describe, expect, it } from 'vitest';
import { memoryStore, type SimulatorStore } from '../persistence/store.js';
import { DEMO_CREDENTIALS, openPaytraceSimulator, type PaytraceSimulator } from './simulator.js';
import { VISA } from '../test/paytrace-client.js';

/** Calls a simulator app in process, as JSON. */
function client(sim: PaytraceSimulator) {
  let bearer = '';
  const post = async (path: string, body: unknown) => {
    const res = await sim.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return {
    post,
    login: async () => {
      const answer = await post('/oauth/token', {
        grant_type: 'password',
        username: DEMO_CREDENTIALS.username,
        password: DEMO_CREDENTIALS.password,
      });
      bearer = answer.body.access_token;
      return bearer;
    },
    useToken: (token: string) => {
      bearer = token;
    },
  };
}

const open = (store: SimulatorStore, extra: { flushIntervalMs?: number; idBlock?: number } = {}) =>
  openPaytraceSimulator({ durable: { store, ...extra } });

describe('PayTrace simulator over a durable store', () => {
  it('keeps vault profiles, transactions and tokens across a restart', async () => {
    const store = memoryStore();
    const first = await open(store);
    const a = client(first);
    const token = await a.login();
    const created = await a.post('/v1/customer/create', {
      customer_id: 'kept-customer',
      credit_card: VISA,
      billing_address: { name: 'Kept', zip: '90210' },
    });
    expect(created.body.response_code).toBe(160);
    const sale = await a.post('/v1/transactions/sale/by_customer', {
      customer_id: 'kept-customer',
      amount: '5.00',
    });
    expect(sale.body.response_code).toBe(101);
    await first.close();

    const second = await open(store);
    const b = client(second);
    b.useToken(token);
    const exported = await b.post('/v1/customer/export', { customer_id: 'kept-customer' });
    expect(exported.status).toBe(200);
    expect(exported.body.customers).toHaveLength(1);
    const byId = await b.post('/v1/transactions/export/by_id', {
      transaction_id: sale.body.transaction_id,
    });
    expect(byId.body.transactions[0]).toMatchObject({ amount: 5, customer_id: 'kept-customer' });
    const next = await b.post('/v1/transactions/sale/by_customer', {
      customer_id: 'kept-customer',
      amount: '1.00',
    });
    expect(next.body.transaction_id).toBeGreaterThan(sale.body.transaction_id);
    await second.close();
  });

  it('never hands out a transaction id twice after a crash that lost unwritten changes', async () => {
    const store = memoryStore();
    // Nothing is written before the "crash": only the id reservations reach the store.
    const first = await open(store, { flushIntervalMs: 3_600_000, idBlock: 4 });
    const a = client(first);
    await a.login();
    const ids: number[] = [];
    for (let i = 0; i < 11; i++) {
      const sale = await a.post('/v1/transactions/sale/keyed', {
        amount: '1.00',
        credit_card: VISA,
      });
      expect(sale.body.response_code).toBe(101);
      ids.push(sale.body.transaction_id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(store.records.size).toBe(0);

    const second = await open(store, { idBlock: 4 });
    const b = client(second);
    await b.login();
    const after = await b.post('/v1/transactions/sale/keyed', {
      amount: '1.00',
      credit_card: VISA,
    });
    expect(after.body.transaction_id).toBeGreaterThan(Math.max(...ids));
    await second.close();
  });

  it('forgets records on reset but keeps counting ids', async () => {
    const store = memoryStore();
    const sim = await open(store);
    const a = client(sim);
    await a.login();
    const sale = await a.post('/v1/transactions/sale/keyed', { amount: '1.00', credit_card: VISA });
    await sim.flush();
    expect(store.records.size).toBeGreaterThan(0);
    sim.handle.reset();
    await sim.flush();
    expect(store.records.size).toBe(0);
    await a.login();
    const again = await a.post('/v1/transactions/sale/keyed', {
      amount: '1.00',
      credit_card: VISA,
    });
    expect(again.body.transaction_id).toBeGreaterThan(sale.body.transaction_id);
    await sim.close();
  });

  it('keeps chargeback cases, their status and their delivery count across a restart', async () => {
    const store = memoryStore();
    const first = await open(store);
    const a = client(first);
    await a.login();
    const sale = await a.post('/v1/transactions/sale/keyed', {
      amount: '42.00',
      credit_card: VISA,
      invoice_id: 'INV-CB',
    });
    const admin = (sim: PaytraceSimulator, method: string, path: string, body?: unknown) =>
      sim.app.request(`/__admin${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const opened = await admin(first, 'POST', '/chargebacks', {
      transaction_id: sale.body.transaction_id,
      case_number: 'CB-KEPT',
    });
    expect(opened.status).toBe(201);
    expect((await admin(first, 'PATCH', '/chargebacks/CB-KEPT', { status: 'Won' })).status).toBe(
      200,
    );
    await first.close();

    const second = await open(store);
    const listed = (await (await admin(second, 'GET', '/chargebacks')).json()) as {
      chargebacks: { caseNumber: string; status: string; amountCents: number; invoiceId: string }[];
    };
    expect(listed.chargebacks).toEqual([
      expect.objectContaining({
        caseNumber: 'CB-KEPT',
        status: 'Won',
        amountCents: 4200,
        invoiceId: 'INV-CB',
      }),
    ]);
    const report = await (await admin(second, 'GET', '/chargebacks/report.csv')).text();
    expect(report).toContain('CB-KEPT,Chargeback,Won');
    // The same case number stays taken.
    const again = await admin(second, 'POST', '/chargebacks', {
      transaction_id: sale.body.transaction_id,
      case_number: 'CB-KEPT',
    });
    expect(again.status).toBe(409);
    second.handle.reset();
    const emptied = (await (await admin(second, 'GET', '/chargebacks')).json()) as {
      chargebacks: unknown[];
    };
    expect(emptied.chargebacks).toEqual([]);
    await second.close();
  });
});
