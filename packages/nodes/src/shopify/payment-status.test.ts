import { describe, expect, it } from 'vitest';
import {
  outcomeOf,
  PaytraceResult,
  planPaymentStatus,
  type OrderPaymentFacts,
} from './payment-status';

const usd = (minor: number) => ({ minor, currency: 'USD' });

const pending: OrderPaymentFacts = {
  name: '#1001',
  financialStatus: 'PENDING',
  canMarkAsPaid: true,
  cancelled: false,
  outstanding: usd(4999),
  received: usd(0),
  refunded: usd(0),
  tags: [],
  openAuthorizationId: null,
  paytracePayment: null,
};
const paid: OrderPaymentFacts = {
  ...pending,
  financialStatus: 'PAID',
  canMarkAsPaid: false,
  outstanding: usd(0),
  received: usd(4999),
  paytracePayment: { id: 'gid://shopify/OrderTransaction/7', gateway: 'PayTrace' },
};
const sale = (extra: Partial<PaytraceResult> = {}): PaytraceResult => ({
  status: 'approved',
  operation: 'sale',
  transactionId: '125391271',
  amount: usd(4999),
  approvalCode: 'TAS610',
  ...extra,
});

describe('PayTrace outcome → Shopify financial status', () => {
  it.each([
    [sale(), 'approved'],
    [sale({ operation: 'capture' }), 'approved'],
    [sale({ operation: 'authorization' }), 'authorized'],
    [sale({ operation: 'void' }), 'voided'],
    [sale({ operation: 'refund' }), 'refunded'],
    [sale({ status: 'declined', reason: 'DECLINED' }), 'declined'],
    [sale({ status: 'declined', operation: 'refund' }), 'declined'],
  ])('classifies %o as %s', (result, kind) => {
    expect(outcomeOf(result)).toBe(kind);
  });

  it('approved for the whole outstanding amount: mark paid, record references, note', () => {
    expect(planPaymentStatus(sale(), { ...pending, tags: ['PayTrace-Declined'] })).toEqual({
      ok: true,
      outcome: 'approved',
      expected: 'PAID',
      actions: [
        { kind: 'mark-paid' },
        {
          kind: 'set-metafields',
          values: { transaction_id: '125391271', approval_code: 'TAS610' },
        },
        { kind: 'remove-tags', tags: ['paytrace-declined'] },
        {
          kind: 'append-note',
          line: 'PayTrace transaction 125391271: approved for 49.99 USD (TAS610)',
        },
      ],
    });
  });

  it('approved for part: a manual payment of that amount, partially paid', () => {
    const plan = planPaymentStatus(sale({ amount: usd(2000) }), pending);
    expect(plan).toMatchObject({
      ok: true,
      expected: 'PARTIALLY_PAID',
      actions: [
        { kind: 'record-payment', amount: usd(2000) },
        { kind: 'set-metafields' },
        { kind: 'append-note' },
      ],
    });
  });

  it('approved on an order already paid: no payment action (idempotent)', () => {
    const plan = planPaymentStatus(sale(), paid);
    expect(plan).toMatchObject({ ok: true, expected: 'PAID' });
    expect(plan.ok && plan.actions.map((a) => a.kind)).toEqual(['set-metafields', 'append-note']);
  });

  it('refuses an approval above the outstanding amount, in another currency, or on a cancelled order', () => {
    expect(planPaymentStatus(sale({ amount: usd(5000) }), pending)).toMatchObject({
      ok: false,
      problem: 'PayTrace approved 50.00 USD but order #1001 has only 49.99 USD outstanding',
    });
    expect(
      planPaymentStatus(sale({ amount: { minor: 10, currency: 'EUR' } }), pending),
    ).toMatchObject({
      ok: false,
      problem: 'PayTrace charged EUR; order #1001 is in USD',
    });
    expect(
      planPaymentStatus(sale(), { ...pending, canMarkAsPaid: false, cancelled: true }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('it is cancelled') });
  });

  it("declined: stays pending, tagged once, with PayTrace's reason in the note", () => {
    const result = sale({
      status: 'declined',
      reason: 'Insufficient funds',
      approvalCode: undefined,
    });
    expect(planPaymentStatus(result, pending)).toEqual({
      ok: true,
      outcome: 'declined',
      expected: 'UNCHANGED',
      actions: [
        { kind: 'add-tags', tags: ['paytrace-declined'] },
        {
          kind: 'append-note',
          line: 'PayTrace transaction 125391271: declined for 49.99 USD (Insufficient funds)',
        },
      ],
    });
    const again = planPaymentStatus(result, { ...pending, tags: ['paytrace-declined'] });
    expect(again.ok && again.actions.map((a) => a.kind)).toEqual(['append-note']);
    const custom = planPaymentStatus(result, pending, {
      declined: 'card-declined',
      authorized: 'a',
      voided: 'v',
    });
    expect(custom).toMatchObject({ actions: [{ kind: 'add-tags', tags: ['card-declined'] }, {}] });
  });

  it('authorized: stays pending with a tag and the transaction id', () => {
    const plan = planPaymentStatus(sale({ operation: 'authorization' }), pending);
    expect(plan.ok && plan.actions.map((a) => a.kind)).toEqual([
      'set-metafields',
      'add-tags',
      'append-note',
    ]);
    expect(plan).toMatchObject({
      expected: 'UNCHANGED',
      actions: [{}, { tags: ['paytrace-authorized'] }, {}],
    });
  });

  it("voided: voids Shopify's open authorization when there is one", () => {
    const plan = planPaymentStatus(sale({ operation: 'void' }), {
      ...pending,
      financialStatus: 'AUTHORIZED',
      openAuthorizationId: 'gid://shopify/OrderTransaction/3',
    });
    expect(plan).toMatchObject({
      ok: true,
      expected: 'VOIDED',
      actions: [
        { kind: 'void-authorization', transactionId: 'gid://shopify/OrderTransaction/3' },
        { kind: 'add-tags', tags: ['paytrace-voided'] },
        { kind: 'append-note' },
      ],
    });
  });

  it('voided after Shopify recorded the payment: reverses it as a refund', () => {
    const plan = planPaymentStatus(sale({ operation: 'void' }), paid);
    expect(plan).toMatchObject({
      expected: 'REFUNDED',
      actions: [
        {
          kind: 'record-refund',
          amount: usd(4999),
          parentTransactionId: 'gid://shopify/OrderTransaction/7',
          gateway: 'PayTrace',
        },
        { kind: 'add-tags' },
        { kind: 'append-note' },
      ],
    });
  });

  it('voided with nothing recorded in Shopify: tag and note only', () => {
    const plan = planPaymentStatus(sale({ operation: 'void' }), pending);
    expect(plan.ok && plan.actions.map((a) => a.kind)).toEqual(['add-tags', 'append-note']);
  });

  it('refunded: full → REFUNDED, part → PARTIALLY_REFUNDED, twice → nothing more', () => {
    expect(planPaymentStatus(sale({ operation: 'refund' }), paid)).toMatchObject({
      expected: 'REFUNDED',
      actions: [{ kind: 'record-refund', amount: usd(4999) }, { kind: 'append-note' }],
    });
    expect(planPaymentStatus(sale({ operation: 'refund', amount: usd(1000) }), paid)).toMatchObject(
      {
        expected: 'PARTIALLY_REFUNDED',
      },
    );
    const done = planPaymentStatus(sale({ operation: 'refund' }), { ...paid, refunded: usd(4999) });
    expect(done.ok && done.actions.map((a) => a.kind)).toEqual(['append-note']);
  });

  it('refuses a refund above what is left, or without a payment to refund against', () => {
    expect(planPaymentStatus(sale({ operation: 'refund', amount: usd(6000) }), paid)).toMatchObject(
      {
        ok: false,
        problem: 'PayTrace refunded 60.00 USD but order #1001 has only 49.99 USD left to refund',
      },
    );
    expect(
      planPaymentStatus(sale({ operation: 'refund' }), { ...paid, paytracePayment: null }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('no successful payment') });
  });

  it("reads a PayTrace node's output as it is", () => {
    const output = {
      status: 'approved',
      operation: 'sale',
      transactionId: '1',
      amount: usd(100),
      approvalCode: 'A',
      origin: 'gateway',
      cardLastFour: '1111',
    };
    expect(PaytraceResult.parse(output)).toMatchObject({ status: 'approved', operation: 'sale' });
  });
});
