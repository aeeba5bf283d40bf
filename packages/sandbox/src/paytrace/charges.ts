/**
 * Sales and authorizations: `keyed`, `by_customer` and `by_transaction`. Every attempt gets a
 * transaction id, declines included; approvals of sales are pending settlement at once, while
 * authorizations wait for a capture.
 * @module
 */
import { Hono, type Context } from 'hono';
import type { StoredCard } from './cards.js';
import { nextTransactionId, saveTransaction, type SimContext, type SimEnv } from './context.js';
import { errorOf, type ErrorsObject } from './error-codes.js';
import { parseAmountCents } from './money.js';
import { decide, STATUS_MESSAGES } from './outcomes.js';
import { readKeyedCard, readKeyedCsc } from './keyed-card.js';
import { object, readBody, text, transactionId, type Body } from './request-body.js';
import { sendErrors, sendJson } from './reply.js';
import { readAddress, type Address, type SimTransaction, type TransactionType } from './state.js';

/** What a charge needs beyond the request body. */
interface ChargeSource {
  type: TransactionType;
  via: string;
  card: StoredCard;
  csc: string | undefined;
  customerId: string;
  /**
   * The card was entered now (keyed, Protect.js): the answer echoes `masked_card_number`, and the
   * account's required billing address, ZIP and CSC apply.
   */
  cardEntered: boolean;
  /**
   * The billing address on file (the vault profile's, or the earlier transaction's): AVS checks
   * it when the request sends none, as recorded sandbox vault and by-transaction sales show.
   */
  storedBilling?: Address;
}

/** Whether an address on file holds anything to check. */
function hasAddress(address: Address | undefined): address is Address {
  return address !== undefined && Object.values(address).some((v) => v !== '');
}

function isDuplicate(sim: SimContext, card: StoredCard, cents: number, invoice: string): boolean {
  const windowMs = sim.settings.duplicateWindowMinutes * 60_000;
  if (windowMs <= 0) return false;
  const since = sim.now() - windowMs;
  for (const tx of sim.state.transactions.values()) {
    if (
      tx.responseCode === 101 &&
      tx.type !== 'REFUND' &&
      tx.createdAt >= since &&
      tx.amountCents === cents &&
      tx.invoiceId === invoice &&
      tx.card.maskedNumber === card.maskedNumber &&
      tx.card.expirationYear === card.expirationYear
    ) {
      return true;
    }
  }
  return false;
}

/** Errors for the account's required fields that this charge lacks. */
function missingRequired(sim: SimContext, body: Body, source: ChargeSource): ErrorsObject {
  const required = new Set(sim.settings.requiredFields);
  const billing = object(body, 'billing_address');
  const errors: ErrorsObject = {};
  if (required.has('invoice_id') && text(body, 'invoice_id') === '') {
    Object.assign(errors, errorOf(506));
  }
  if (!source.cardEntered) return errors;
  if (required.has('billing_address') && text(billing, 'street_address') === '') {
    Object.assign(errors, errorOf(507));
  }
  if (required.has('billing_zip') && text(billing, 'zip') === '') {
    Object.assign(errors, errorOf(508));
  }
  if (required.has('csc') && source.csc === undefined) Object.assign(errors, errorOf(509));
  return errors;
}

/** Runs one sale or authorization and answers it. Shared by every charge flavour. */
export function charge(
  c: Context<SimEnv>,
  sim: SimContext,
  body: Body,
  source: ChargeSource,
): Response {
  const amountCents = parseAmountCents(body.amount);
  if (amountCents === undefined || (amountCents === 0 && source.type === 'SALE')) {
    return sendErrors(c, sim, errorOf(500));
  }
  const invoiceId = text(body, 'invoice_id');
  const missing = missingRequired(sim, body, source);
  if (Object.keys(missing).length > 0) return sendErrors(c, sim, missing);
  if (isDuplicate(sim, source.card, amountCents, invoiceId)) {
    return sendErrors(c, sim, errorOf(502));
  }
  const billingSent = typeof body.billing_address === 'object' && body.billing_address !== null;
  const onFile = billingSent ? undefined : source.storedBilling;
  const billing = hasAddress(onFile) ? { ...onFile } : readAddress(body.billing_address);
  const checked = billingSent || hasAddress(onFile);
  const id = nextTransactionId(sim);
  const now = sim.now();
  const outcome = decide({
    amountCents,
    card: source.card,
    csc: source.csc,
    billing: checked ? { zip: billing.zip, street: billing.street_address } : undefined,
    now,
    transactionId: id,
    settings: sim.settings,
  });
  const approved = outcome.responseCode === 101;
  const tx: SimTransaction = {
    id,
    type: source.type,
    via: source.via,
    responseCode: outcome.responseCode,
    amountCents,
    capturedCents: approved && source.type === 'SALE' ? amountCents : 0,
    refundedCents: 0,
    captured: false,
    voided: outcome.responseCode === 103,
    pendingSince: approved && source.type === 'SALE' ? now : null,
    batchNumber: null,
    settledAt: null,
    card: source.card,
    customerId: source.customerId,
    invoiceId,
    description: text(body, 'description'),
    customerReferenceId: text(body, 'customer_reference_id'),
    taxAmountCents: parseAmountCents(body.tax_amount) ?? null,
    email: text(body, 'email'),
    billing,
    shipping: readAddress(body.shipping_address),
    approvalCode: outcome.approvalCode,
    approvalMessage: outcome.approvalMessage,
    avsResponse: outcome.avsResponse,
    cscResponse: outcome.cscResponse,
    refundOf: null,
    createdAt: now,
    createdBy: sim.credentials.username,
  };
  sim.state.transactions.set(id, tx);
  saveTransaction(sim, id);
  const status = outcome.responseCode === 101 ? 200 : sim.settings.declineStatus;
  return sendJson(c, status, {
    success: outcome.responseCode !== 102,
    response_code: outcome.responseCode,
    status_message: STATUS_MESSAGES[outcome.responseCode],
    transaction_id: id,
    approval_code: outcome.approvalCode,
    approval_message: outcome.approvalMessage,
    avs_response: outcome.avsResponse,
    csc_response: outcome.cscResponse,
    external_transaction_id: '',
    ...(source.cardEntered ? { masked_card_number: source.card.maskedNumber } : {}),
  });
}

/** Routes for `/v1/transactions/{sale,authorization}/{keyed,by_customer,by_transaction}`. */
export function chargeRoutes(sim: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  const kinds: [string, TransactionType][] = [
    ['sale', 'SALE'],
    ['authorization', 'AUTHORIZATION'],
  ];
  for (const [path, type] of kinds) {
    app.post(`/v1/transactions/${path}/keyed`, async (c) => {
      const body = await readBody(c);
      const keyed = await readKeyedCard(sim, body);
      if (keyed.errors) return sendErrors(c, sim, keyed.errors);
      const csc = await readKeyedCsc(sim, body);
      if (csc.errors) return sendErrors(c, sim, csc.errors);
      return charge(c, sim, body, {
        type,
        via: 'keyed',
        card: keyed.card,
        csc: csc.csc,
        customerId: text(body, 'customer_id'),
        cardEntered: true,
      });
    });
    app.post(`/v1/transactions/${path}/by_customer`, async (c) => {
      const body = await readBody(c);
      const customerId = text(body, 'customer_id');
      const customer = sim.state.customers.get(customerId);
      if (!customer) return sendErrors(c, sim, errorOf(30, customerId));
      const csc = text(body, 'csc');
      return charge(c, sim, body, {
        type,
        via: 'by_customer',
        card: customer.card,
        csc: csc === '' ? undefined : csc,
        customerId,
        cardEntered: false,
        storedBilling: customer.billing,
      });
    });
    app.post(`/v1/transactions/${path}/by_transaction`, async (c) => {
      const body = await readBody(c);
      const id = transactionId(body);
      if (id === undefined) return sendErrors(c, sim, errorOf(58));
      const previous = sim.state.transactions.get(id);
      if (!previous) return sendErrors(c, sim, errorOf(811));
      const csc = text(body, 'csc');
      return charge(c, sim, body, {
        type,
        via: 'by_transaction',
        card: previous.card,
        csc: csc === '' ? undefined : csc,
        customerId: previous.customerId,
        cardEntered: false,
        storedBilling: previous.billing,
      });
    });
  }
  return app;
}
