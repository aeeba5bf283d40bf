/**
 * A one-order Admin API double for what the simulator does not offer (`refundCreate`,
 * `transactionVoid`): it answers the operations the payment nodes send by name, from a small
 * state the test sets up, and can lose the answer of a write after applying it. Tests only.
 *
 * @module
 */
import { costExtension, startScriptedServer, type ScriptedServer } from './scripted-server';

/** A transaction of the fake order (amounts in cents, USD). */
export interface FakeTransaction {
  id: string;
  kind: 'SALE' | 'AUTHORIZATION' | 'CAPTURE' | 'VOID' | 'REFUND';
  status: 'SUCCESS';
  gateway: string;
  cents: number;
  parentId: string | null;
}

/** The fake order. */
export interface FakeOrder {
  id: string;
  totalCents: number;
  transactions: FakeTransaction[];
  tags: string[];
  note: string | null;
}

const money = (cents: number) => {
  const amount = { amount: (cents / 100).toFixed(2), currencyCode: 'USD' };
  return { shopMoney: amount, presentmentMoney: amount };
};

function sums(order: FakeOrder) {
  const ok = order.transactions;
  const received = ok
    .filter((t) => t.kind === 'SALE' || t.kind === 'CAPTURE')
    .reduce((s, t) => s + t.cents, 0);
  const refunded = ok.filter((t) => t.kind === 'REFUND').reduce((s, t) => s + t.cents, 0);
  const authorized = ok.some(
    (t) => t.kind === 'AUTHORIZATION' && !ok.some((c) => c.parentId === t.id),
  );
  const voided = ok.some((t) => t.kind === 'VOID');
  let status = 'PENDING';
  if (voided) status = 'VOIDED';
  else if (refunded > 0) status = refunded >= received ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  else if (received >= order.totalCents) status = 'PAID';
  else if (received > 0) status = 'PARTIALLY_PAID';
  else if (authorized) status = 'AUTHORIZED';
  return { received, refunded, status, outstanding: Math.max(0, order.totalCents - received) };
}

function orderJson(order: FakeOrder) {
  const { received, refunded, status, outstanding } = sums(order);
  return {
    id: order.id,
    legacyResourceId: order.id.split('/').pop(),
    name: '#1001',
    currencyCode: 'USD',
    displayFinancialStatus: status,
    canMarkAsPaid: outstanding > 0 && status !== 'VOIDED',
    fullyPaid: outstanding === 0,
    unpaid: received === 0,
    cancelledAt: null,
    totalPriceSet: money(order.totalCents),
    totalOutstandingSet: money(outstanding),
    totalReceivedSet: money(received),
    totalRefundedSet: money(refunded),
    transactions: order.transactions.map((t) => ({
      id: t.id,
      kind: t.kind,
      status: t.status,
      gateway: t.gateway,
      test: true,
      processedAt: '2025-01-15T12:00:00Z',
      createdAt: '2025-01-15T12:00:00Z',
      authorizationCode: null,
      errorCode: null,
      parentTransaction: t.parentId ? { id: t.parentId } : null,
      amountSet: money(t.cents),
    })),
    tags: order.tags,
    note: order.note,
  };
}

/** A started double and the order it serves. */
export interface FakeOrderStore {
  readonly server: ScriptedServer;
  readonly order: FakeOrder;
  /** Operation names received, in order. */
  operations(): string[];
}

/** Starts the double; `loseAnswerOf` names write operations whose answer is lost once applied. */
export async function startFakeOrderStore(
  order: FakeOrder,
  loseAnswerOf: string[] = [],
): Promise<FakeOrderStore> {
  let next = 900;
  const server = await startScriptedServer((request) => {
    const query: string = request.json?.query ?? '';
    const name = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';
    const v = request.json?.variables ?? {};
    const answer = (data: unknown) => ({ json: { data, extensions: costExtension() } });
    const lost = loseAnswerOf.includes(name);
    switch (name) {
      case 'GetOrderPaymentFacts':
      case 'GetOrderPaymentState':
      case 'GetOrderNoteTags':
        return answer({ order: orderJson(order) });
      case 'RefundCreate': {
        const tx = v.input.transactions[0];
        order.transactions.push({
          id: `gid://shopify/OrderTransaction/${next++}`,
          kind: 'REFUND',
          status: 'SUCCESS',
          gateway: tx.gateway,
          cents: Math.round(Number(tx.amount) * 100),
          parentId: tx.parentId,
        });
        if (lost) return 'reset';
        return answer({
          refundCreate: {
            refund: {
              id: `gid://shopify/Refund/${next++}`,
              legacyResourceId: String(next),
              totalRefundedSet: money(0),
            },
            order: orderJson(order),
            userErrors: [],
          },
        });
      }
      case 'TransactionVoid': {
        const parent = order.transactions.find((t) => t.id === v.parentTransactionId)!;
        const voided: FakeTransaction = {
          id: `gid://shopify/OrderTransaction/${next++}`,
          kind: 'VOID',
          status: 'SUCCESS',
          gateway: parent.gateway,
          cents: parent.cents,
          parentId: parent.id,
        };
        order.transactions.push(voided);
        if (lost) return 'reset';
        return answer({
          transactionVoid: { transaction: orderJson(order).transactions.at(-1), userErrors: [] },
        });
      }
      case 'TagsAdd':
        order.tags.push(...v.tags);
        return answer({ tagsAdd: { node: { id: order.id }, userErrors: [] } });
      case 'OrderUpdateNote':
        order.note = v.input.note;
        return answer({
          orderUpdate: { order: { id: order.id, note: order.note }, userErrors: [] },
        });
      default:
        return { json: { errors: [{ message: `fake store does not answer ${name}` }] } };
    }
  });
  const operations = () =>
    server.received.map(
      (r) => /\b(?:query|mutation)\s+(\w+)/.exec(r.json?.query ?? '')?.[1] ?? r.path,
    );
  return { server, order, operations };
}
