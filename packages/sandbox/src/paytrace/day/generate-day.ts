/**
 * Generates a realistic business day in the simulator's own state: `orders` approved sales spread
 * over the local day, some voided before the close, declined attempts that never settle, refunds
 * of sales settled earlier (earlier days, or an earlier batch of the same day), and the day's
 * batches closed at even intervals up to the cut-off. Refunds need settled sales to refer to: when
 * the account has too few, the sales they refund are made on the previous day and closed in that
 * day's batch. Then the processor-side discrepancies are injected (fee differences, short and
 * missing deposits, orders left out of Shopify). Deterministic for a seed and starting state.
 * @module
 */
import { nextTransactionId, saveBatch, saveTransaction, type SimContext } from '../context.js';
import type { CardBrand, StoredCard } from '../cards.js';
import { addDays, batchMoney } from '../processor-fees.js';
import { closeBatch } from '../settlement.js';
import { emptyAddress, type SimBatch, type SimTransaction } from '../state.js';
import type { GenerateDayInput } from './day-input.js';
import { localInstant } from './local-time.js';
import type { DayManifest, ManifestDiscrepancy, ManifestTransaction } from './manifest.js';
import { seededRandom, type Random } from './random.js';

const CARDS: { brand: CardBrand; share: number; number: string }[] = [
  { brand: 'VISA', share: 0.5, number: '4012000098765439' },
  { brand: 'MASTERCARD', share: 0.3, number: '5499740000000057' },
  { brand: 'AMEX', share: 0.12, number: '371449635392376' },
  { brand: 'DISCOVER', share: 0.08, number: '6011000993026909' },
];

function pickCard(rng: Random): StoredCard {
  let roll = rng.next();
  const card = CARDS.find((c) => (roll -= c.share) < 0) ?? CARDS[0]!;
  return {
    maskedNumber: 'x'.repeat(card.number.length - 4) + card.number.slice(-4),
    lastFour: card.number.slice(-4),
    brand: card.brand,
    expirationMonth: 12,
    expirationYear: 2030,
  };
}

/** $5–$500, log-uniform, in cents. */
function saleAmount(rng: Random): number {
  return Math.round(Math.exp(Math.log(500) + rng.next() * (Math.log(50_000) - Math.log(500))));
}

type Event =
  | { at: number; kind: 'sale'; voided: boolean }
  | { at: number; kind: 'decline' }
  | { at: number; kind: 'refund' }
  | { at: number; kind: 'close'; date: string };

const ORDER: Record<Event['kind'], number> = { sale: 0, decline: 1, refund: 2, close: 3 };

/** Generates the day and answers its manifest. */
export function generateDay(sim: SimContext, input: GenerateDayInput): DayManifest {
  const rng = seededRandom(input.seed);
  const [h, m] = input.cutOff.split(':').map(Number) as [number, number];
  const cutMinutes = h * 60 + m;
  const window = (date: string) => {
    const start = localInstant(date, 1, input.timeZone);
    return { start, end: localInstant(date, cutMinutes, input.timeZone) };
  };
  const today = window(input.date);
  const span = today.end - today.start;
  const stamp = input.date.replace(/-/g, '');
  let seq = 0;
  const ref = () => String((seq += 1)).padStart(6, '0');
  const made: SimTransaction[] = [];
  const orderRefs = new Map<number, string>();
  const batches: SimBatch[] = [];

  const base = (at: number, card: StoredCard, cents: number): SimTransaction => ({
    id: nextTransactionId(sim),
    type: 'SALE',
    via: 'by_customer',
    responseCode: 101,
    amountCents: cents,
    capturedCents: cents,
    refundedCents: 0,
    captured: false,
    voided: false,
    pendingSince: at,
    batchNumber: null,
    settledAt: null,
    card,
    customerId: '',
    invoiceId: '',
    description: '',
    customerReferenceId: '',
    taxAmountCents: null,
    email: '',
    billing: emptyAddress(),
    shipping: emptyAddress(),
    approvalCode: 'TAS123',
    approvalMessage: '  NO  MATCH - Approved and completed',
    avsResponse: 'No Match',
    cscResponse: '',
    refundOf: null,
    createdAt: at,
    createdBy: sim.credentials.username,
  });
  const store = (tx: SimTransaction, orderRef: string) => {
    sim.state.transactions.set(tx.id, tx);
    saveTransaction(sim, tx.id);
    made.push(tx);
    orderRefs.set(tx.id, orderRef);
  };
  const sale = (at: number, voided: boolean) => {
    const n = ref();
    const tx = base(at, pickCard(rng), saleAmount(rng));
    tx.invoiceId = `INV-${stamp}-${n}`;
    tx.description = `Order PB-${stamp}-${n}`;
    tx.voided = voided;
    store(tx, `PB-${stamp}-${n}`);
    return tx;
  };
  const close = (at: number, date: string) => {
    const batch = closeBatch(sim, at);
    if (!batch) return undefined;
    batch.closedOn = date;
    batch.depositOn = addDays(date, sim.settings.depositDelayDays);
    saveBatch(sim, batch.number);
    batches.push(batch);
    return batch;
  };

  // Sales that refunds may refer to: settled, not voided, not fully refunded, oldest first.
  const pool: SimTransaction[] = [...sim.state.transactions.values()]
    .filter((tx) => tx.type !== 'REFUND' && tx.batchNumber !== null && !tx.voided)
    .filter((tx) => tx.capturedCents > tx.refundedCents && (tx.settledAt ?? 0) < today.start)
    .sort((a, b) => a.id - b.id);
  const refundCount = Math.round(input.orders * input.refundRate);
  if (pool.length < refundCount) {
    const previous = addDays(input.date, -1);
    const before = window(previous);
    const missing = refundCount - pool.length;
    for (let i = 0; i < missing; i += 1) {
      const at =
        before.start + Math.floor(((i + rng.next()) * (before.end - before.start)) / missing);
      pool.push(sale(at, false));
    }
    close(before.end, previous);
  }

  const events: Event[] = [];
  const voids = new Set(rng.sample(input.orders, Math.round(input.orders * input.voidRate)));
  for (let i = 0; i < input.orders; i += 1) {
    events.push({
      at: today.start + Math.floor(((i + rng.next()) * span) / input.orders),
      kind: 'sale',
      voided: voids.has(i),
    });
  }
  for (let i = 0; i < Math.round(input.orders * input.declineRate); i += 1) {
    events.push({ at: today.start + rng.int(0, span - 1), kind: 'decline' });
  }
  for (let i = 0; i < refundCount; i += 1)
    events.push({ at: today.start + rng.int(0, span - 1), kind: 'refund' });
  for (let i = 1; i <= input.batches; i += 1) {
    const at =
      i === input.batches ? today.end : today.start + Math.floor((span * i) / input.batches);
    events.push({ at, kind: 'close', date: input.date });
  }
  events.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind]);

  const todaysBatches: SimBatch[] = [];
  for (const event of events) {
    if (event.kind === 'sale') sale(event.at, event.voided);
    else if (event.kind === 'decline') {
      const tx = base(event.at, pickCard(rng), saleAmount(rng));
      Object.assign(tx, {
        responseCode: 102,
        capturedCents: 0,
        pendingSince: null,
        approvalCode: '',
        approvalMessage: '    DECLINE - Do not honor',
      });
      tx.invoiceId = `INV-${stamp}-D${ref()}`;
      store(tx, '');
    } else if (event.kind === 'refund') refund(event.at);
    else {
      const batch = close(event.at, event.date);
      if (batch) {
        todaysBatches.push(batch);
        for (const id of batch.transactionIds) {
          const tx = sim.state.transactions.get(id);
          if (tx && tx.type === 'SALE') pool.push(tx);
        }
      }
    }
  }

  function refund(at: number) {
    let index = rng.int(0, pool.length - 1);
    for (
      let tries = 0;
      tries < pool.length && pool[index]!.capturedCents <= pool[index]!.refundedCents;
      tries += 1
    ) {
      index = (index + 1) % pool.length;
    }
    const original = pool[index]!;
    const remaining = original.capturedCents - original.refundedCents;
    const cents = rng.next() < 0.6 ? remaining : rng.int(1, remaining);
    const tx: SimTransaction = {
      ...base(at, original.card, cents),
      type: 'REFUND',
      via: 'for_transaction',
      responseCode: 106,
      approvalCode: '',
      approvalMessage: '',
      avsResponse: '',
      invoiceId: original.invoiceId,
      description: original.description,
      refundOf: original.id,
    };
    original.refundedCents += cents;
    saveTransaction(sim, original.id);
    store(tx, orderRefs.get(original.id) ?? original.description.replace(/^Order /, ''));
  }

  const discrepancies = inject(sim, rng, input, todaysBatches);
  return manifest(sim, input, batches, made, orderRefs, discrepancies);
}

function inject(
  sim: SimContext,
  rng: Random,
  input: GenerateDayInput,
  todays: SimBatch[],
): ManifestDiscrepancy[] {
  const found: ManifestDiscrepancy[] = [];
  const wanted = input.discrepancies;
  const sales = todays.flatMap((b) =>
    b.transactionIds.flatMap((id) => {
      const tx = sim.state.transactions.get(id);
      return tx && tx.type === 'SALE' ? [tx] : [];
    }),
  );
  const picked = rng.sample(sales.length, wanted.feeDifference + wanted.notInShopify);
  const order = picked.map((i) => sales[i]!);
  for (const tx of order.slice(0, wanted.feeDifference)) {
    const extra = rng.int(5, 95);
    tx.feeCents = (tx.feeCents ?? 0) + extra;
    saveTransaction(sim, tx.id);
    found.push({
      kind: 'fee_difference',
      batchNumber: tx.batchNumber!,
      transactionId: String(tx.id),
      amount: extra,
    });
  }
  for (const tx of order.slice(wanted.feeDifference)) {
    found.push({
      kind: 'not_in_shopify',
      batchNumber: tx.batchNumber!,
      transactionId: String(tx.id),
      amount: tx.capturedCents,
    });
  }
  const chosen = rng
    .sample(todays.length, wanted.shortDeposit + wanted.missingDeposit)
    .map((i) => todays[i]!);
  for (const batch of chosen.slice(0, wanted.shortDeposit)) {
    batch.depositShortCents = rng.int(100, 5_000);
    saveBatch(sim, batch.number);
    found.push({
      kind: 'deposit_short',
      batchNumber: batch.number,
      amount: batch.depositShortCents,
    });
  }
  for (const batch of chosen.slice(wanted.shortDeposit)) {
    batch.depositMissing = true;
    saveBatch(sim, batch.number);
    const money = batchMoney(batch, sim.state.transactions);
    found.push({
      kind: 'deposit_missing',
      batchNumber: batch.number,
      amount: money.expectedDeposit,
    });
  }
  return found;
}

function manifest(
  sim: SimContext,
  input: GenerateDayInput,
  batches: SimBatch[],
  made: SimTransaction[],
  orderRefs: Map<number, string>,
  discrepancies: ManifestDiscrepancy[],
): DayManifest {
  const outside = new Set(
    discrepancies.filter((d) => d.kind === 'not_in_shopify').map((d) => d.transactionId),
  );
  const transactions: ManifestTransaction[] = made.map((tx) => ({
    transactionId: String(tx.id),
    type:
      tx.responseCode === 102
        ? 'decline'
        : tx.type === 'REFUND'
          ? 'refund'
          : tx.voided
            ? 'void'
            : 'sale',
    amount: tx.amountCents,
    currency: 'USD',
    invoiceId: tx.invoiceId,
    brand: tx.card.brand.toLowerCase(),
    batchNumber: tx.batchNumber,
    orderRef: orderRefs.get(tx.id) ?? '',
    refundOf: tx.refundOf === null ? null : String(tx.refundOf),
    createdAt: new Date(tx.createdAt).toISOString(),
    fee: tx.feeCents ?? 0,
    inShopify: tx.responseCode !== 102 && tx.type !== 'REFUND' && !outside.has(String(tx.id)),
  }));
  const money = batches.map((b) => ({ batch: b, money: batchMoney(b, sim.state.transactions) }));
  return {
    date: input.date,
    timeZone: input.timeZone,
    batches: money.map(({ batch, money: m }) => ({
      number: batch.number,
      closedAt: new Date(batch.closedAt).toISOString(),
      closedOn: batch.closedOn!,
      count: m.count,
      gross: m.gross,
      refunds: m.refunds,
      net: m.net,
      fees: m.fees,
      expectedDeposit: m.expectedDeposit,
      deposit: m.deposit,
      depositOn: m.depositOn,
    })),
    transactions,
    deposits: money.map(({ batch, money: m }) => ({
      batchNumber: batch.number,
      bookedOn: m.depositOn,
      amount: m.deposit,
      expected: m.expectedDeposit,
      status: batch.depositMissing ? 'missing' : batch.depositShortCents ? 'short' : 'ok',
    })),
    discrepancies,
  };
}
