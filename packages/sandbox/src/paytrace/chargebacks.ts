/**
 * Chargebacks and retrievals on the simulated account, outside PayTrace's JSON API (which has
 * none): the admin API opens a case on a transaction and moves it on, each change is sent as a
 * signed notification when a URL is set (UNCONFIRMED shape, see the settings), and the portal's
 * chargeback report can be downloaded as CSV. Cases are part of the account's state, so a durable
 * simulator keeps them across restarts.
 * @module
 */
import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { sendAttempt, type AttemptOutcome, type WebhookFetch } from '../shopify/webhooks/send.js';
import { saveChargeback, type SimContext, type SimEnv } from './context.js';
import { readBody } from './request-body.js';
import { sendJson } from './reply.js';

/** Portal words for a case's state. */
export type ChargebackStatus = 'Open' | 'Evidence Submitted' | 'Won' | 'Lost';
const STATUSES: ChargebackStatus[] = ['Open', 'Evidence Submitted', 'Won', 'Lost'];

/** One case as the portal lists it. Amounts in cents; the card only by its last four. */
export interface SimChargeback {
  caseNumber: string;
  caseType: 'Chargeback' | 'Retrieval';
  status: ChargebackStatus;
  transactionId: number;
  invoiceId: string;
  cardBrand: string;
  cardLastFour: string;
  amountCents: number;
  reasonCode: string;
  reasonDescription: string;
  receivedAt: number;
  replyBy: string;
  /** Notifications sent for it, for stable delivery ids. */
  events: number;
  /** The last notification's body, sent again as it was by a redelivery. */
  lastBody: string | null;
}

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const dollars = (cents: number) => (cents / 100).toFixed(2);

/** The notification body of a case (UNCONFIRMED shape; see `chargebackNotificationShape`). */
function notification(sim: SimContext, c: SimChargeback, type: string): string {
  return JSON.stringify({
    type,
    timestamp: new Date(sim.now()).toISOString(),
    data: {
      case_number: c.caseNumber,
      case_type: c.caseType.toLowerCase(),
      status: c.status.toLowerCase().replace(' ', '_'),
      transaction_id: String(c.transactionId),
      invoice_id: c.invoiceId,
      amount: dollars(c.amountCents),
      currency: 'USD',
      reason_code: c.reasonCode,
      reason_description: c.reasonDescription,
      card_last4: c.cardLastFour,
      received_date: isoDate(c.receivedAt),
      reply_by_date: c.replyBy,
    },
  });
}

/** Standard Webhooks headers: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the secret. */
export function standardWebhookHeaders(
  secret: string,
  id: string,
  timestampS: number,
  body: string,
): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${id}.${timestampS}.${body}`)
    .digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampS),
    'webhook-signature': `v1,${signature}`,
  };
}

/** The portal's chargeback report as CSV (US dates, dollars), one line per case. */
export function chargebackReportCsv(cases: Iterable<SimChargeback>): string {
  const header =
    'Case Number,Case Type,Status,Received Date,Reply By Date,Transaction ID,Invoice,Card Type,Last 4,Amount,Reason Code,Reason Description';
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [...cases].map((c) =>
    [
      c.caseNumber,
      c.caseType,
      c.status,
      usDate(isoDate(c.receivedAt)),
      usDate(c.replyBy),
      String(c.transactionId),
      c.invoiceId,
      c.cardBrand,
      c.cardLastFour,
      dollars(c.amountCents),
      c.reasonCode,
      c.reasonDescription,
    ]
      .map(quote)
      .join(','),
  );
  return `${[header, ...rows].join('\r\n')}\r\n`;
}

/** Routes under `/__admin/chargebacks`, over the account's cases. */
export function chargebackRoutes(sim: SimContext, send: WebhookFetch = fetch): Hono<SimEnv> {
  // Read on each use: a reset replaces the state.
  const cases = () => sim.state.chargebacks;
  /**
   * Sends the case's latest event; with `repeat`, the same body again under the same delivery
   * id (a retry, as a sender whose answer got lost would), freshly signed.
   */
  const notify = async (
    c: SimChargeback,
    type: string,
    repeat = false,
  ): Promise<AttemptOutcome | null> => {
    const url = sim.settings.chargebackNotificationUrl;
    const secret = sim.settings.chargebackNotificationSecret;
    if (!url || !secret) return null;
    if (!repeat || c.lastBody === null) {
      c.events++;
      c.lastBody = notification(sim, c, type);
      saveChargeback(sim, c.caseNumber);
    }
    const id = `msg_${c.caseNumber}_${c.events}`;
    const body = c.lastBody;
    const headers = standardWebhookHeaders(secret, id, Math.floor(sim.now() / 1000), body);
    return sendAttempt(url, body, headers, 10_000, send);
  };
  const lastType = (c: SimChargeback) =>
    c.events <= 1 ? 'chargeback.created' : 'chargeback.updated';
  return new Hono<SimEnv>()
    .get('/__admin/chargebacks', (c) => sendJson(c, 200, { chargebacks: [...cases().values()] }))
    .get('/__admin/chargebacks/report.csv', (c) =>
      c.body(chargebackReportCsv(cases().values()), 200, { 'content-type': 'text/csv' }),
    )
    .post('/__admin/chargebacks', async (c) => {
      const body = (await readBody(c)) as Record<string, unknown>;
      const txn = sim.state.transactions.get(Number(body.transaction_id));
      if (!txn) return sendJson(c, 404, { error: `no transaction ${String(body.transaction_id)}` });
      const caseNumber =
        typeof body.case_number === 'string'
          ? body.case_number
          : `CB${String(cases().size + 1).padStart(6, '0')}`;
      if (cases().has(caseNumber)) return sendJson(c, 409, { error: `case ${caseNumber} exists` });
      const receivedAt = sim.now();
      const chargeback: SimChargeback = {
        caseNumber,
        caseType: body.case_type === 'retrieval' ? 'Retrieval' : 'Chargeback',
        status: 'Open',
        transactionId: txn.id,
        invoiceId: txn.invoiceId,
        cardBrand: txn.card.brand,
        cardLastFour: txn.card.lastFour,
        amountCents:
          typeof body.amount_cents === 'number'
            ? body.amount_cents
            : txn.capturedCents || txn.amountCents,
        reasonCode: typeof body.reason_code === 'string' ? body.reason_code : '10.4',
        reasonDescription:
          typeof body.reason_description === 'string'
            ? body.reason_description
            : 'Other Fraud - Card-Absent Environment',
        receivedAt,
        replyBy:
          typeof body.reply_by_date === 'string'
            ? body.reply_by_date
            : isoDate(receivedAt + 10 * DAY),
        events: 0,
        lastBody: null,
      };
      cases().set(caseNumber, chargeback);
      saveChargeback(sim, caseNumber);
      const delivery = await notify(chargeback, 'chargeback.created');
      return sendJson(c, 201, { chargeback, delivery });
    })
    .patch('/__admin/chargebacks/:case', async (c) => {
      const found = cases().get(c.req.param('case'));
      if (!found) return sendJson(c, 404, { error: 'no such case' });
      const body = (await readBody(c)) as Record<string, unknown>;
      if (!STATUSES.includes(body.status as ChargebackStatus)) {
        return sendJson(c, 400, { error: `status must be one of ${STATUSES.join(', ')}` });
      }
      found.status = body.status as ChargebackStatus;
      saveChargeback(sim, found.caseNumber);
      const delivery = await notify(found, 'chargeback.updated');
      return sendJson(c, 200, { chargeback: found, delivery });
    })
    .post('/__admin/chargebacks/:case/redeliver', async (c) => {
      const found = cases().get(c.req.param('case'));
      if (!found) return sendJson(c, 404, { error: 'no such case' });
      const delivery = await notify(found, lastType(found), true);
      return sendJson(c, 200, { chargeback: found, delivery });
    });
}
