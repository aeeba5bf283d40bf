import { describe, expect, it } from 'vitest';
import { ErpError } from '../errors';
import { MINOR_VERSION } from './client';
import { faultToError } from './faults';
import { simulatedQuickbooks } from './test/simulator-harness';

const day = '2025-08-01';
const invoice = (ref: string) => ({
  externalRef: ref,
  customerRef: 'c1',
  currency: 'USD',
  date: day,
  lines: [{ description: 'Tea', quantity: 2, unitAmount: 450 }],
});

async function withCustomer(qbo = simulatedQuickbooks()) {
  const erp = qbo.adapter();
  await erp.upsertCustomer({ externalRef: 'c1', name: 'Ada' });
  return { qbo, erp };
}

describe('QuickBooks Online adapter', () => {
  it('pins the minor version on every API call', async () => {
    const { qbo, erp } = await withCustomer();
    await erp.createInvoice(invoice('o-1'));
    const log = qbo.sim.handle.state.requestLog;
    expect(log.length).toBeGreaterThan(2);
    expect(log.every((r) => r.minorVersion === MINOR_VERSION)).toBe(true);
  });

  it('stores every rotated refresh token and keeps working after the old one died', async () => {
    const { qbo, erp } = await withCustomer();
    const first = [...qbo.tokens.entries.values()][0]!.refreshToken;
    expect(first).not.toBe(qbo.values.refreshToken);
    qbo.sim.handle.expireAccessTokens();
    await erp.createInvoice(invoice('o-2'));
    const second = [...qbo.tokens.entries.values()][0]!.refreshToken;
    expect(second).not.toBe(first);
    // The connection's original token is dead; a fresh adapter must use the stored one.
    qbo.sim.handle.expireAccessTokens();
    expect(await qbo.adapter().findByReference('invoice', 'o-2')).toMatchObject({ total: 900 });
  });

  it('retries HTTP 429 with growing backoff, then gives up as transient', async () => {
    const delays: number[] = [];
    const qbo = simulatedQuickbooks();
    const erp = qbo.adapter({ sleep: async (ms) => void delays.push(ms) });
    await erp.upsertCustomer({ externalRef: 'c1', name: 'Ada' });
    qbo.sim.handle.throttle(2);
    await erp.createInvoice(invoice('o-3'));
    expect(delays).toHaveLength(2);
    expect(delays[1]!).toBeGreaterThanOrEqual(delays[0]!);
    qbo.sim.handle.throttle(50);
    const err = await erp.createInvoice(invoice('o-4')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErpError);
    expect(err).toMatchObject({ kind: 'transient', code: 'QBO_THROTTLED' });
    expect(qbo.sim.handle.entities('Invoice')).toHaveLength(1);
  });

  it('finds a create whose answer was lost instead of posting it twice', async () => {
    const { qbo, erp } = await withCustomer();
    qbo.sim.handle.setFault('/invoice', { dropResponse: true, remaining: 1 });
    const lost = await erp.createInvoice(invoice('o-5')).catch((e: unknown) => e);
    // In process the dropped answer arrives as a 500 after the invoice was stored: the worst case.
    expect(lost).toMatchObject({ kind: 'transient' });
    const replay = await erp.createInvoice(invoice('o-5'));
    expect(replay.created).toBe(false);
    expect(qbo.sim.handle.entities('Invoice').filter((i) => i.DocNumber === 'o-5')).toHaveLength(1);
  });

  it('re-reads and retries an update refused as stale (SyncToken)', async () => {
    const qbo = simulatedQuickbooks();
    let bumped = false;
    const erp = qbo.adapter();
    await erp.openDispute({
      externalRef: 'cb-1',
      currency: 'USD',
      amount: 500,
      reason: 'Not received',
      date: day,
    });
    const original = qbo.sim.app.request.bind(qbo.sim.app);
    qbo.sim.app.request = ((input: string, init?: RequestInit) => {
      if (
        !bumped &&
        init?.method === 'POST' &&
        String(input).includes('/journalentry') &&
        String(init.body).includes('"sparse":true')
      ) {
        bumped = true;
        const entry = qbo.sim.handle.entities('JournalEntry')[0]!;
        entry.SyncToken = String(Number(entry.SyncToken) + 1);
      }
      return original(input, init);
    }) as typeof qbo.sim.app.request;
    const updated = await erp.updateDispute({
      externalRef: 'cb-1',
      status: 'evidence_submitted',
      date: day,
    });
    expect(bumped).toBe(true);
    expect(updated.document.status).toBe('evidence_submitted');
  });

  it('posts a settlement into the bank as a Deposit, fees as a negative line', async () => {
    const qbo = simulatedQuickbooks();
    const erp = qbo.adapter();
    const posted = await erp.postJournal({
      externalRef: 'settlement-42',
      currency: 'USD',
      date: day,
      lines: [
        { account: 'cash', debit: 9700 },
        { account: 'merchant-fees', debit: 300 },
        { account: 'card-clearing', credit: 10000 },
      ],
    });
    expect(posted.document).toMatchObject({ total: 10000 });
    const [deposit] = qbo.sim.handle.entities('Deposit');
    expect(deposit).toMatchObject({ TotalAmt: 97, DepositToAccountRef: { name: 'Checking' } });
    expect((deposit!.Line as any[]).map((l) => l.Amount)).toEqual([-3, 100]);
    expect(qbo.sim.handle.entities('JournalEntry')).toHaveLength(0);
  });

  it('maps Fault envelopes to ERP error kinds', () => {
    const fault = (type: string, code: string) => ({
      Fault: { type, Error: [{ Message: 'm', Detail: 'd', code }] },
    });
    expect(faultToError(400, fault('ValidationFault', '6000'))).toMatchObject({
      kind: 'validation',
      code: 'QBO_6000',
    });
    expect(faultToError(400, fault('ValidationFault', '610'))).toMatchObject({ kind: 'not-found' });
    expect(faultToError(401, fault('AuthenticationFault', '3200'))).toMatchObject({ kind: 'auth' });
    expect(faultToError(429, fault('ThrottleExceeded', '3001'), 1000)).toMatchObject({
      kind: 'transient',
      retryAfterMs: 1000,
    });
    expect(faultToError(503, null)).toMatchObject({ kind: 'transient', code: 'QBO_503' });
  });
});
