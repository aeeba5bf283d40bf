/**
 * The one place that decides what a PayTrace outcome means for a Shopify order's financial
 * status. Pure: given the PayTrace result and the order as it stands, it returns the actions that
 * bring the order where it belongs, or the reason it cannot. Browser-safe.
 *
 * | PayTrace                     | Shopify                                                         |
 * | ---------------------------- | --------------------------------------------------------------- |
 * | approved sale / capture      | mark paid (whole outstanding), or a manual payment of a part     |
 * | approved authorization       | stays pending; tag, note, transaction id (no API records an auth)|
 * | declined                     | stays pending; decline tag and a note with PayTrace's reason     |
 * | approved void                | void Shopify's open authorization (VOIDED); else reverse the     |
 * |                              | recorded PayTrace payment as a refund; else tag and note          |
 * | approved refund              | refund against the PayTrace payment: REFUNDED or PARTIALLY_REFUNDED |
 *
 * @module
 */
import { z } from 'zod';
import { Money, toShopifyDecimal } from './money';

/** A PayTrace payment node's output, as far as Shopify needs it. */
export const PaytraceResult = z.looseObject({
  status: z.enum(['approved', 'declined']),
  operation: z.enum(['sale', 'authorization', 'capture', 'void', 'refund']),
  transactionId: z.string().nullable().optional(),
  amount: Money.nullable().optional(),
  approvalCode: z.string().optional(),
  reason: z.string().optional(),
});
export type PaytraceResult = z.infer<typeof PaytraceResult>;

/** What a result is, for Shopify. */
export type PaytraceOutcomeKind = 'approved' | 'authorized' | 'declined' | 'voided' | 'refunded';

/** The order as the planner needs it. Money in the shop's currency. */
export interface OrderPaymentFacts {
  readonly name: string;
  readonly financialStatus: string | null;
  readonly canMarkAsPaid: boolean;
  readonly cancelled: boolean;
  readonly outstanding: Money;
  readonly received: Money;
  readonly refunded: Money;
  readonly tags: readonly string[];
  /** An authorization nobody captured or voided yet. */
  readonly openAuthorizationId: string | null;
  /** The successful sale or capture a PayTrace refund is recorded against, and its gateway. */
  readonly paytracePayment: { readonly id: string; readonly gateway: string } | null;
}

/** One change to make on the order. */
export type PaymentStatusAction =
  | { readonly kind: 'mark-paid' }
  | { readonly kind: 'record-payment'; readonly amount: Money }
  | { readonly kind: 'void-authorization'; readonly transactionId: string }
  | {
      readonly kind: 'record-refund';
      readonly amount: Money;
      readonly parentTransactionId: string;
      readonly gateway: string;
    }
  | { readonly kind: 'set-metafields'; readonly values: Readonly<Record<string, string>> }
  | { readonly kind: 'add-tags'; readonly tags: readonly string[] }
  | { readonly kind: 'remove-tags'; readonly tags: readonly string[] }
  | { readonly kind: 'append-note'; readonly line: string };

/** The financial status the order should show afterwards (`UNCHANGED`: whatever it was). */
export type ExpectedStatus =
  'PAID' | 'PARTIALLY_PAID' | 'VOIDED' | 'REFUNDED' | 'PARTIALLY_REFUNDED' | 'UNCHANGED';

/** The decision. */
export type PaymentStatusPlan =
  | {
      readonly ok: true;
      readonly outcome: PaytraceOutcomeKind;
      readonly expected: ExpectedStatus;
      readonly actions: readonly PaymentStatusAction[];
    }
  | { readonly ok: false; readonly outcome: PaytraceOutcomeKind; readonly problem: string };

/** Tags the planner writes; configurable per node. */
export interface PaymentStatusTags {
  readonly declined: string;
  readonly authorized: string;
  readonly voided: string;
}

/** Default tags. */
export const DEFAULT_PAYMENT_TAGS: PaymentStatusTags = {
  declined: 'paytrace-declined',
  authorized: 'paytrace-authorized',
  voided: 'paytrace-voided',
};

/** The kind of a PayTrace result. */
export function outcomeOf(result: PaytraceResult): PaytraceOutcomeKind {
  if (result.status === 'declined') return 'declined';
  switch (result.operation) {
    case 'authorization':
      return 'authorized';
    case 'void':
      return 'voided';
    case 'refund':
      return 'refunded';
    default:
      return 'approved';
  }
}

function hasTag(facts: OrderPaymentFacts, tag: string): boolean {
  return facts.tags.some((t) => t.toLowerCase() === tag.toLowerCase());
}

/** `10.50 USD`, `1200 JPY`: how amounts read in notes and messages. */
function decimal(money: Money): string {
  return `${toShopifyDecimal(money)} ${money.currency}`;
}

function noteLine(kind: string, result: PaytraceResult, extra?: string): string {
  const id = result.transactionId ? ` transaction ${result.transactionId}` : '';
  const amount = result.amount ? ` for ${decimal(result.amount)}` : '';
  return `PayTrace${id}: ${kind}${amount}${extra ? ` (${extra})` : ''}`;
}

function references(result: PaytraceResult): PaymentStatusAction[] {
  const values: Record<string, string> = {};
  if (result.transactionId) values.transaction_id = result.transactionId;
  if (result.approvalCode) values.approval_code = result.approvalCode;
  return Object.keys(values).length > 0 ? [{ kind: 'set-metafields', values }] : [];
}

function sameCurrency(a: Money, b: Money): boolean {
  return a.currency === b.currency;
}

function planApproved(
  result: PaytraceResult,
  facts: OrderPaymentFacts,
  tags: PaymentStatusTags,
): PaymentStatusPlan {
  const outcome = 'approved' as const;
  const amount = result.amount ?? null;
  if (amount && !sameCurrency(amount, facts.outstanding)) {
    return {
      ok: false,
      outcome,
      problem: `PayTrace charged ${amount.currency}; order ${facts.name} is in ${facts.outstanding.currency}`,
    };
  }
  const actions: PaymentStatusAction[] = [];
  let expected: ExpectedStatus = 'PAID';
  if (facts.outstanding.minor > 0) {
    if (amount && amount.minor > facts.outstanding.minor) {
      return {
        ok: false,
        outcome,
        problem: `PayTrace approved ${decimal(amount)} but order ${facts.name} has only ${decimal(facts.outstanding)} outstanding`,
      };
    }
    if (amount && amount.minor < facts.outstanding.minor) {
      actions.push({ kind: 'record-payment', amount });
      expected = 'PARTIALLY_PAID';
    } else {
      if (!facts.canMarkAsPaid) {
        const why = facts.cancelled
          ? 'it is cancelled'
          : `its status is ${facts.financialStatus ?? 'unknown'}`;
        return {
          ok: false,
          outcome,
          problem: `PayTrace approved a payment but order ${facts.name} cannot be marked paid: ${why}`,
        };
      }
      actions.push({ kind: 'mark-paid' });
    }
  }
  actions.push(...references(result));
  if (hasTag(facts, tags.declined)) actions.push({ kind: 'remove-tags', tags: [tags.declined] });
  actions.push({ kind: 'append-note', line: noteLine('approved', result, result.approvalCode) });
  return { ok: true, outcome, expected, actions };
}

function planVoided(
  result: PaytraceResult,
  facts: OrderPaymentFacts,
  tags: PaymentStatusTags,
): PaymentStatusPlan {
  const outcome = 'voided' as const;
  const actions: PaymentStatusAction[] = [];
  let expected: ExpectedStatus = 'UNCHANGED';
  const net = facts.received.minor - facts.refunded.minor;
  if (facts.openAuthorizationId) {
    actions.push({ kind: 'void-authorization', transactionId: facts.openAuthorizationId });
    expected = 'VOIDED';
  } else if (net > 0 && facts.paytracePayment) {
    const amount =
      result.amount && sameCurrency(result.amount, facts.received)
        ? result.amount
        : { minor: net, currency: facts.received.currency };
    if (amount.minor > net) {
      return {
        ok: false,
        outcome,
        problem: `PayTrace voided ${decimal(amount)} but order ${facts.name} shows only ${decimal({ minor: net, currency: facts.received.currency })} paid`,
      };
    }
    actions.push({
      kind: 'record-refund',
      amount,
      parentTransactionId: facts.paytracePayment.id,
      gateway: facts.paytracePayment.gateway,
    });
    expected = amount.minor === net ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }
  if (!hasTag(facts, tags.voided)) actions.push({ kind: 'add-tags', tags: [tags.voided] });
  actions.push({ kind: 'append-note', line: noteLine('voided', result) });
  return { ok: true, outcome, expected, actions };
}

function planRefunded(result: PaytraceResult, facts: OrderPaymentFacts): PaymentStatusPlan {
  const outcome = 'refunded' as const;
  const net = facts.received.minor - facts.refunded.minor;
  const amount = result.amount ?? { minor: net, currency: facts.received.currency };
  if (!sameCurrency(amount, facts.received)) {
    return {
      ok: false,
      outcome,
      problem: `PayTrace refunded ${amount.currency}; order ${facts.name} is in ${facts.received.currency}`,
    };
  }
  const actions: PaymentStatusAction[] = [];
  let expected: ExpectedStatus = 'UNCHANGED';
  if (net > 0) {
    if (amount.minor > net) {
      return {
        ok: false,
        outcome,
        problem: `PayTrace refunded ${decimal(amount)} but order ${facts.name} has only ${decimal({ minor: net, currency: amount.currency })} left to refund`,
      };
    }
    if (!facts.paytracePayment) {
      return {
        ok: false,
        outcome,
        problem: `Order ${facts.name} has no successful payment to record the PayTrace refund against`,
      };
    }
    actions.push({
      kind: 'record-refund',
      amount,
      parentTransactionId: facts.paytracePayment.id,
      gateway: facts.paytracePayment.gateway,
    });
    expected = amount.minor === net ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  }
  actions.push({ kind: 'append-note', line: noteLine('refunded', result) });
  return { ok: true, outcome, expected, actions };
}

/**
 * Decides what `result` means for the order described by `facts`. Applying the actions twice
 * changes nothing more than applying them once: payments and refunds are skipped when the order
 * already shows them (nothing outstanding, nothing left to refund), tags and note lines when
 * present.
 */
export function planPaymentStatus(
  result: PaytraceResult,
  facts: OrderPaymentFacts,
  tags: PaymentStatusTags = DEFAULT_PAYMENT_TAGS,
): PaymentStatusPlan {
  const outcome = outcomeOf(result);
  switch (outcome) {
    case 'approved':
      return planApproved(result, facts, tags);
    case 'authorized': {
      const actions: PaymentStatusAction[] = [...references(result)];
      if (!hasTag(facts, tags.authorized))
        actions.push({ kind: 'add-tags', tags: [tags.authorized] });
      actions.push({
        kind: 'append-note',
        line: noteLine('authorized', result, result.approvalCode),
      });
      return { ok: true, outcome, expected: 'UNCHANGED', actions };
    }
    case 'declined': {
      const actions: PaymentStatusAction[] = [];
      if (facts.outstanding.minor > 0 && !hasTag(facts, tags.declined)) {
        actions.push({ kind: 'add-tags', tags: [tags.declined] });
      }
      actions.push({ kind: 'append-note', line: noteLine('declined', result, result.reason) });
      return { ok: true, outcome, expected: 'UNCHANGED', actions };
    }
    case 'voided':
      return planVoided(result, facts, tags);
    case 'refunded':
      return planRefunded(result, facts);
  }
}
