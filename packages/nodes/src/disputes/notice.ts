/**
 * A chargeback as every intake channel reports it, in one shape: Shopify's dispute webhooks, a
 * processor's signed notification and a row of PayTrace's chargeback report all become a
 * {@link DisputeNotice}, so one case per processor case number can be kept whichever channel
 * spoke first. Browser-safe: the editor and the runtime read the same shape.
 *
 * @module
 */
import { z } from 'zod';
import { DisputeStatus } from '../erp/documents';
import { fromDecimal } from '../erp/money';

/** The channels a chargeback reaches Paybridge by. */
export const DisputeChannel = z.enum(['shopify', 'processor-notice', 'report']);
export type DisputeChannel = z.infer<typeof DisputeChannel>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** One report of a chargeback case, whichever channel sent it. Money in minor units. */
export const DisputeNotice = z.object({
  channel: DisputeChannel,
  /** Who runs the case: `paytrace` (processor notices, the report) or `shopify` (Shopify Payments). */
  processor: z.string().min(1).max(40),
  caseNumber: z.string().min(1).max(80),
  kind: z.enum(['chargeback', 'retrieval', 'inquiry']),
  status: DisputeStatus,
  amount: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  reasonCode: z.string().max(40).nullable(),
  reason: z.string().max(200).nullable(),
  /** The Shopify order id (string: ids exceed 2^53), when the channel names it. */
  orderRef: z.string().max(40).nullable(),
  /** The merchant's invoice / order number as the processor knows it (PayTrace `invoice_id`). */
  invoice: z.string().max(80).nullable(),
  transactionId: z.string().max(40).nullable(),
  cardLast4: z
    .string()
    .regex(/^\d{4}$/)
    .nullable(),
  openedOn: IsoDate,
  evidenceDueBy: IsoDate.nullable(),
});
export type DisputeNotice = z.infer<typeof DisputeNotice>;

/** The one key a case is kept under: processor and its case number. */
export function caseKeyOf(notice: Pick<DisputeNotice, 'processor' | 'caseNumber'>): string {
  return `${notice.processor}:${notice.caseNumber}`;
}

/**
 * The ERP reference of a case. Shopify cases keep the reference `erp.dispute-open`'s default
 * mapping already gives them, so flows built before the chargeback template find the same case.
 */
export function erpRefOf(notice: Pick<DisputeNotice, 'processor' | 'caseNumber'>): string {
  return notice.processor === 'shopify'
    ? `shopify-dispute-${notice.caseNumber}`
    : `${notice.processor}-chargeback-${notice.caseNumber}`;
}

/** Thrown when a channel's report cannot be read as a chargeback; the message names the field. */
export class NoticeError extends Error {}

type Fields = Record<string, unknown>;

const text = (v: unknown): string | null =>
  v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();

/** `2026-11-20`, `2026-11-20T19:00:00-04:00` (the merchant's date, as written) or `11/20/2026`. */
export function dateOf(value: unknown, field: string): string | null {
  const t = text(value);
  if (t === null) return null;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(t);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const date = iso
    ? iso[1]!
    : us
      ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`
      : null;
  // A real calendar day: 02/30/2026 is refused, not rolled over into March.
  const ms = date ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (date && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(date)) return date;
  throw new NoticeError(`${field}: "${t}" is not a date (YYYY-MM-DD or MM/DD/YYYY)`);
}

function amountOf(value: unknown, currency: string, field: string): number {
  const t = text(value)?.replace(/^\$/, '').replace(/,/g, '');
  if (!t || !/^-?\d+(\.\d+)?$/.test(t))
    throw new NoticeError(`${field}: "${t ?? ''}" is not an amount`);
  let minor: number;
  try {
    minor = Math.abs(fromDecimal(t, currency));
  } catch (err) {
    throw new NoticeError(`${field}: ${(err as Error).message}`);
  }
  if (minor === 0) throw new NoticeError(`${field}: the amount is zero`);
  return minor;
}

const SHOPIFY_STATUS: Record<string, DisputeStatus> = {
  needs_response: 'open',
  under_review: 'evidence_submitted',
  won: 'won',
  lost: 'lost',
  accepted: 'lost',
  charge_refunded: 'lost',
};

/** Processor and report words for a case's state (PayTrace's report wording is UNCONFIRMED). */
const PROCESSOR_STATUS: Record<string, DisputeStatus> = {
  open: 'open',
  new: 'open',
  pending: 'open',
  'needs response': 'open',
  needs_response: 'open',
  'evidence submitted': 'evidence_submitted',
  evidence_submitted: 'evidence_submitted',
  'under review': 'evidence_submitted',
  under_review: 'evidence_submitted',
  represented: 'evidence_submitted',
  won: 'won',
  reversed: 'won',
  'won (reversed)': 'won',
  lost: 'lost',
  accepted: 'lost',
  closed: 'lost',
};

function statusOf(table: Record<string, DisputeStatus>, value: unknown, field: string) {
  const t = text(value)?.toLowerCase() ?? 'open';
  const status = table[t];
  if (!status) throw new NoticeError(`${field}: unknown status "${t}"`);
  return status;
}

function kindOf(value: unknown): DisputeNotice['kind'] {
  const t = text(value)?.toLowerCase() ?? 'chargeback';
  if (t.startsWith('retrieval')) return 'retrieval';
  if (t === 'inquiry') return 'inquiry';
  return 'chargeback';
}

function last4Of(value: unknown): string | null {
  const digits = text(value)?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/** A Shopify `disputes/create` or `disputes/update` body (the REST Dispute resource). */
export function noticeFromShopify(body: Fields): DisputeNotice {
  const currency = text(body.currency)?.toUpperCase() ?? '';
  if (!/^[A-Z]{3}$/.test(currency)) throw new NoticeError('currency: missing');
  const id = text(body.id);
  if (!id) throw new NoticeError('id: missing');
  return DisputeNotice.parse({
    channel: 'shopify',
    processor: 'shopify',
    caseNumber: id,
    kind: kindOf(body.type),
    status: statusOf(SHOPIFY_STATUS, body.status, 'status'),
    amount: amountOf(body.amount, currency, 'amount'),
    currency,
    reasonCode: text(body.network_reason_code),
    reason: text(body.reason),
    orderRef: text(body.order_id),
    invoice: null,
    transactionId: null,
    cardLast4: null,
    openedOn: dateOf(body.initiated_at, 'initiated_at') ?? new Date().toISOString().slice(0, 10),
    evidenceDueBy: dateOf(body.evidence_due_by, 'evidence_due_by'),
  });
}

/**
 * A processor notification's `data` (Standard Webhooks envelope `{type, timestamp, data}`). The
 * shape is UNCONFIRMED: PayTrace documents no chargeback notification, so these are the fields a
 * processor notice carries (case number, transaction, amount, reason code, reply-by date).
 */
export function noticeFromProcessor(data: Fields, processor = 'paytrace'): DisputeNotice {
  return fromCaseFields('processor-notice', processor, {
    caseNumber: data.case_number,
    caseType: data.case_type,
    status: data.status,
    amount: data.amount,
    currency: data.currency,
    reasonCode: data.reason_code,
    reason: data.reason_description ?? data.reason,
    transactionId: data.transaction_id,
    invoice: data.invoice_id,
    orderRef: data.order_id,
    card: data.card_last4 ?? data.card_number,
    received: data.received_date ?? data.case_date,
    due: data.reply_by_date ?? data.due_date,
  });
}

/** The fields of a case from a processor (notice or report row), by meaning. */
export interface CaseFields {
  caseNumber: unknown;
  caseType: unknown;
  status: unknown;
  amount: unknown;
  currency: unknown;
  reasonCode: unknown;
  reason: unknown;
  transactionId: unknown;
  invoice: unknown;
  orderRef: unknown;
  card: unknown;
  received: unknown;
  due: unknown;
}

/** Builds a notice from a processor's case fields (notification or report row). */
export function fromCaseFields(
  channel: DisputeChannel,
  processor: string,
  f: CaseFields,
): DisputeNotice {
  const caseNumber = text(f.caseNumber);
  if (!caseNumber) throw new NoticeError('case number: missing');
  const currency = text(f.currency)?.toUpperCase() ?? 'USD';
  if (!/^[A-Z]{3}$/.test(currency))
    throw new NoticeError(`currency: "${currency}" is not ISO 4217`);
  const received = dateOf(f.received, 'received date');
  if (!received) throw new NoticeError('received date: missing');
  const parsed = DisputeNotice.safeParse({
    channel,
    processor,
    caseNumber,
    kind: kindOf(f.caseType),
    status: statusOf(PROCESSOR_STATUS, f.status, 'status'),
    amount: amountOf(f.amount, currency, 'amount'),
    currency,
    reasonCode: text(f.reasonCode),
    reason: text(f.reason),
    orderRef: text(f.orderRef),
    invoice: text(f.invoice),
    transactionId: text(f.transactionId),
    cardLast4: last4Of(f.card),
    openedOn: received,
    evidenceDueBy: dateOf(f.due, 'reply-by date'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NoticeError(`${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
