import { beforeEach, describe, expect, it } from 'vitest';
import { createQuickbooksSimulator, QUICKBOOKS_DEMO_APP } from './simulator.js';

let sim: ReturnType<typeof createQuickbooksSimulator>;
let access: string;
const realm = QUICKBOOKS_DEMO_APP.realmId;
const basic = `Basic ${Buffer.from(`${QUICKBOOKS_DEMO_APP.clientId}:${QUICKBOOKS_DEMO_APP.clientSecret}`).toString('base64')}`;

beforeEach(() => {
  sim = createQuickbooksSimulator();
  access = sim.handle.connect().accessToken;
});

async function api(method: string, path: string, body?: unknown) {
  const res = await sim.app.request(`/v3/company/${realm}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${access}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function token(form: Record<string, string>) {
  const res = await sim.app.request('/oauth2/v1/tokens/bearer', {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function customer(name = 'Ada (c-1)') {
  return (await api('POST', '/customer?minorversion=75', { DisplayName: name })).body.Customer;
}

describe('QuickBooks Online simulator: OAuth', () => {
  it('runs the authorization-code flow and rotates refresh tokens', async () => {
    const authorize = await sim.app.request(
      `/connect/oauth2?client_id=${QUICKBOOKS_DEMO_APP.clientId}&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=${encodeURIComponent('https://pb.example/cb')}&state=s1`,
    );
    expect(authorize.status).toBe(302);
    const redirect = new URL(authorize.headers.get('location')!);
    expect(redirect.searchParams.get('state')).toBe('s1');
    expect(redirect.searchParams.get('realmId')).toBe(realm);
    const code = redirect.searchParams.get('code')!;
    const first = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://pb.example/cb',
    });
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(
      (
        await token({
          grant_type: 'authorization_code',
          code,
          redirect_uri: 'https://pb.example/cb',
        })
      ).body,
    ).toEqual({ error: 'invalid_grant' });

    const second = await token({
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token,
    });
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(
      (await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token }))
        .status,
    ).toBe(400);
  });

  it('answers AuthenticationFault for an expired access token', async () => {
    sim.handle.expireAccessTokens();
    const res = await api('GET', '/query?query=select * from Customer');
    expect(res.status).toBe(401);
    expect(res.body.Fault).toMatchObject({
      type: 'AuthenticationFault',
      Error: [{ code: '3200' }],
    });
  });
});

describe('QuickBooks Online simulator: accounting', () => {
  it('creates invoices with exact totals and refuses a duplicate DocNumber', async () => {
    const c = await customer();
    const invoice = {
      CustomerRef: { value: c.Id },
      DocNumber: '1001',
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 20.1,
          SalesItemLineDetail: { Qty: 3, UnitPrice: 6.7 },
        },
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 0.2,
          SalesItemLineDetail: { ItemRef: { value: 'SHIPPING_ITEM_ID' } },
        },
        {
          DetailType: 'DiscountLineDetail',
          Amount: 0.1,
          DiscountLineDetail: { PercentBased: false },
        },
      ],
      TxnTaxDetail: { TotalTax: 1.5 },
    };
    const created = await api('POST', '/invoice', invoice);
    expect(created.body.Invoice).toMatchObject({ TotalAmt: 21.7, Balance: 21.7, SyncToken: '0' });
    const dup = await api('POST', '/invoice', invoice);
    expect(dup.status).toBe(400);
    expect(dup.body.Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6140' }] });
    const found = await api(
      'GET',
      `/query?query=${encodeURIComponent("select * from Invoice where DocNumber = '1001'")}`,
    );
    expect(found.body.QueryResponse.Invoice).toHaveLength(1);
    const none = await api(
      'GET',
      `/query?query=${encodeURIComponent("select * from Invoice where DocNumber = '9'")}`,
    );
    expect(none.body.QueryResponse).toEqual({});
    const bad = await api(
      'GET',
      `/query?query=${encodeURIComponent("select * from Invoice where DocNumber = '1' or Id = '2'")}`,
    );
    expect(bad.body.Fault.Error[0].code).toBe('4000');
  });

  it('applies payments and credit memos to invoices, never below zero', async () => {
    const c = await customer();
    const inv = (
      await api('POST', '/invoice', {
        CustomerRef: { value: c.Id },
        Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100 }],
      })
    ).body.Invoice;
    const cm = (
      await api('POST', '/creditmemo', {
        CustomerRef: { value: c.Id },
        Line: [{ DetailType: 'SalesItemLineDetail', Amount: 30 }],
      })
    ).body.CreditMemo;
    const apply = await api('POST', '/payment', {
      CustomerRef: { value: c.Id },
      TotalAmt: 0,
      Line: [
        { Amount: 30, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] },
        { Amount: 30, LinkedTxn: [{ TxnId: cm.Id, TxnType: 'CreditMemo' }] },
      ],
    });
    expect(apply.status).toBe(200);
    const over = await api('POST', '/payment', {
      CustomerRef: { value: c.Id },
      TotalAmt: 80,
      Line: [{ Amount: 80, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
    });
    expect(over.body.Fault.Error[0].code).toBe('6000');
    const read = await api('GET', `/invoice/${inv.Id}`);
    expect(read.body.Invoice).toMatchObject({ Balance: 70, SyncToken: '1' });
  });

  it('refuses unbalanced journals and A/R lines without a customer', async () => {
    const line = (type: string, account: string, amount: number, extra = {}) => ({
      DetailType: 'JournalEntryLineDetail',
      Amount: amount,
      JournalEntryLineDetail: { PostingType: type, AccountRef: { value: account }, ...extra },
    });
    const unbalanced = await api('POST', '/journalentry', {
      Line: [line('Debit', '35', 10), line('Credit', '4', 9.99)],
    });
    expect(unbalanced.body.Fault.Error[0].Detail).toMatch(/must balance/);
    const ar = await api('POST', '/journalentry', {
      Line: [line('Debit', '84', 10), line('Credit', '4', 10)],
    });
    expect(ar.body.Fault.Error[0].Detail).toMatch(/choose a customer/);
    const ok = await api('POST', '/journalentry', {
      DocNumber: 'B-1',
      Line: [line('Debit', '35', 97), line('Debit', '8', 3), line('Credit', '4', 100)],
    });
    expect(ok.body.JournalEntry.TotalAmt).toBe(100);
  });

  it('requires the current SyncToken for updates (Stale Object Error)', async () => {
    const c = await customer();
    const updated = await api('POST', '/customer', {
      Id: c.Id,
      SyncToken: '0',
      sparse: true,
      Notes: 'vault:abc',
    });
    expect(updated.body.Customer).toMatchObject({
      SyncToken: '1',
      Notes: 'vault:abc',
      DisplayName: c.DisplayName,
    });
    const stale = await api('POST', '/customer', {
      Id: c.Id,
      SyncToken: '0',
      sparse: true,
      Notes: 'x',
    });
    expect(stale.body.Fault.Error[0]).toMatchObject({
      code: '5010',
      Message: 'Stale Object Error',
    });
  });

  it('throttles with HTTP 429 past the per-minute limit and records minor versions', async () => {
    sim.handle.settings.requestsPerMinute = 2;
    await customer('a');
    await customer('b');
    const third = await api('POST', '/customer?minorversion=75', { DisplayName: 'c' });
    expect(third.status).toBe(429);
    expect(third.body.Fault.Error[0].Message).toContain('ThrottleExceeded');
    sim.handle.advanceClock(61_000);
    expect((await api('POST', '/customer', { DisplayName: 'c' })).status).toBe(200);
    expect(sim.handle.state.requestLog[0]!.minorVersion).toBe('75');
  });
});
