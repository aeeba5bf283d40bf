/**
 * Chargebacks end to end in a sandbox runtime, simulators over HTTP, real Postgres: the
 * Chargebacks template takes a chargeback from each intake (a PayTrace notification signed with
 * Standard Webhooks, a Shopify dispute webhook, a row of the chargeback report uploaded to the
 * API) and makes one case of it: reserve moved in the ledger, order tagged and noted, evidence
 * packet PDF with the order, amount and AVS result, team emailed with the deadline, reminded
 * before it (compressed clock), and followed to won or lost. The same notice twice, or by two
 * channels, makes nothing new.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../../packages/nodes/src/notify/email/test-smtp-server';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { simulatorCall, TEST_CARD } from './paytrace-support';
import { ADMIN_TOKEN, call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { sandboxShopify } from './support/sandbox-shopify';
import { createSmtpConnection } from './support/smtp-connection';

let smtp: TestSmtpServer;
let rt: RuntimeHandle;
let sql: Sql;
let base: string;
let paytraceUrl: string;
let flowId: string;
const TEAM = 'disputes@example.com';
const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const DAY = 86_400_000;
/** pdf.js reads the standard fonts' metrics from its package to extract text. */
const STANDARD_FONTS = `${join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts',
)}/`;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const shop = (method: string, path: string, body?: unknown) =>
  sandboxShopify(base, method, path, body);

const paytraceAdmin = (method: string, path: string, body?: unknown) =>
  call(base, method, `/sandbox/paytrace/__admin${path}`, body);

async function waitUntil<T>(read: () => Promise<T | undefined>, what: string, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) {
      const runs =
        await sql`select id, status, error, failed_node_id from runs order by created_at`;
      throw new Error(`timed out waiting for ${what}; runs: ${JSON.stringify(runs)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A shopper's order in the store and its card sale at PayTrace, described as the order. */
async function paidOrder(tag: string, price: string) {
  const address = {
    first_name: 'Grace',
    last_name: tag,
    address1: '12 Harbour Road',
    city: 'Portland',
    province: 'Oregon',
    zip: '97201',
    country: 'United States',
  };
  const customer = await shop('POST', '/customers', {
    first_name: 'Grace',
    last_name: tag,
    email: `grace.${tag}@example.com`,
  });
  expect(customer.status).toBe(201);
  const order = await shop('POST', '/orders', {
    customer_id: customer.body.customer.id,
    gateway: 'PayTrace',
    browser_ip: '203.0.113.7',
    billing_address: address,
    shipping_address: address,
    line_items: [{ title: 'Oolong tea', price, quantity: 1, sku: `TEA-${tag}` }],
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const sale = await simulatorCall(paytraceUrl, '/v1/transactions/sale/keyed', {
    amount: Number(price),
    credit_card: { number: TEST_CARD, expiration_month: '12', expiration_year: '2030' },
    csc: '999',
    billing_address: { name: `Grace ${tag}`, street_address: '12 Harbour Road', zip: '97201' },
    description: `Shopify order ${order.body.order.name}`,
  });
  expect(sale.response_code, JSON.stringify(sale)).toBe(101);
  return { order: order.body.order, sale };
}

const casesMatching = async (q: string) =>
  (await call(base, 'GET', `/api/disputes?q=${encodeURIComponent(q)}`)).body.cases as any[];

/** The one case of a case number, once its packet exists. */
const caseWithPacket = (caseNumber: string) =>
  waitUntil(async () => {
    const [found, ...more] = await casesMatching(caseNumber);
    expect(more).toEqual([]);
    return found?.hasPacket ? found : undefined;
  }, `case ${caseNumber} with its packet`);

/** Runs of the chargeback flow, oldest first. */
const flowRuns = async () =>
  sql<{ id: string; status: string }[]>`
    select id, status from runs where flow_id = ${flowId} order by created_at, id`;

/** Waits until no run of the flow is queued or running (waiting on a delay is settled). */
const settled = () =>
  waitUntil(async () => {
    const runs = await flowRuns();
    return runs.every((r) => ['succeeded', 'failed', 'waiting'].includes(r.status))
      ? runs
      : undefined;
  }, 'the chargeback runs to settle');

async function pdfText(caseId: string): Promise<string> {
  const res = await fetch(`${base}/api/disputes/${caseId}/packet.pdf`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  const pdf = await getDocument({ data: bytes, standardFontDataUrl: STANDARD_FONTS }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((i: any) => i.str).join('\n'));
  }
  return pages.join('\n');
}

/** The journal entries of a case, by kind, with their lines. */
async function postings(caseId: string) {
  const detail = (await call(base, 'GET', `/api/disputes/${caseId}`)).body;
  const entries: Record<string, any> = {};
  for (const p of detail.postings) {
    entries[p.kind] = (
      await call(base, 'GET', `/api/ledger/journal-entries/${p.journalId}`)
    ).body.entry;
  }
  return { detail, entries };
}
const line = (entry: any, account: string) =>
  entry.lines.find((l: any) => l.account === account) ?? null;

const mailTo = (subject: RegExp) =>
  waitUntil(
    async () =>
      smtp.messages.find(
        (m) => m.recipients.includes(TEAM) && subject.test(m.header('subject') ?? ''),
      ),
    `an email ${subject}`,
  );

async function uploadReport(csv: string) {
  const res = await fetch(`${base}/api/disputes/report`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Posts a body to the chargeback intake, signed with `secret` (Standard Webhooks). */
async function postNotice(body: string, secret = SECRET) {
  const id = `msg_test_${Math.random().toString(36).slice(2)}`;
  const ts = Math.floor(Date.now() / 1000);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
  const res = await fetch(`${base}/hooks/chargebacks/paytrace`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': `v1,${signature}`,
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Wakes a run waiting on its delay now, as if the clock had reached its time. */
async function fastForward(runId: string) {
  await sql`update run_steps set resume_at = now() where run_id = ${runId} and status = 'suspended'`;
  await sql`select graphile_worker.add_job('run.execute', json_build_object('runId', ${runId}::text),
              job_key => 'run:' || ${runId}::text, job_key_mode => 'replace')`;
  return waitForRun(base, runId, undefined, 30_000);
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const dbUrl = await freshDatabase();
  sql = openSql(dbUrl, { max: 2 });
  rt = await startTestRuntime(dbUrl, {
    env: { PAYBRIDGE_SANDBOX: 'true', PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32' },
  });
  base = rt.url!.replace(/\/$/, '');
  paytraceUrl = `${base}/sandbox/paytrace`;
  const connections = (await call(base, 'GET', '/api/connections')).body.connections;
  const mailId = await createSmtpConnection(base, smtp.port);
  const signing = await call(base, 'POST', '/api/connections', {
    type: 'webhook.standard',
    name: 'PayTrace chargeback notifications',
    values: { secrets: [SECRET] },
  });
  expect(signing.status, JSON.stringify(signing.body)).toBe(201);
  const installed = await call(base, 'POST', '/api/templates/chargeback/install', {
    connections: {
      shopify: connections.find((c: any) => c.type === 'shopify').id,
      paytrace: connections.find((c: any) => c.type === 'paytrace').id,
      signing: signing.body.id,
      smtp: mailId,
    },
    parameters: { teamEmail: TEAM, reminderDaysBefore: 3 },
    activate: true,
  });
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
  flowId = installed.body.flows[0].id;
  const settings = await call(base, 'PATCH', '/sandbox/paytrace/__admin/settings', {
    chargebackNotificationUrl: `${base}/hooks/chargebacks/paytrace`,
    chargebackNotificationSecret: SECRET,
  });
  expect(settings.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await rt?.stop();
  await sql?.end();
  await smtp?.close();
});

describe('chargebacks from every intake', () => {
  let noticeCase: any;
  let noticeOrder: any;

  it('a signed PayTrace notification opens one case: reserve, tagged order, packet PDF, team email', async () => {
    const { order, sale } = await paidOrder('notice', '68.87');
    noticeOrder = order;
    const shipped = await shop('POST', `/orders/${order.id}/fulfillments`, {
      tracking_company: 'UPS',
      tracking_number: '1Z999AA10123456784',
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
    const due = dateIn(10);
    const opened = await paytraceAdmin('POST', '/chargebacks', {
      transaction_id: sale.transaction_id,
      case_number: 'CB-1001',
      reason_code: '10.4',
      reply_by_date: due,
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.delivery.status).toBe(202);

    noticeCase = await caseWithPacket('CB-1001');
    expect(noticeCase).toMatchObject({
      processor: 'paytrace',
      status: 'open',
      channels: ['processor-notice'],
      amount: 6887,
      currency: 'USD',
      reasonCode: '10.4',
      transactionId: String(sale.transaction_id),
      cardLast4: TEST_CARD.slice(-4),
      orderName: order.name,
      orderRef: String(order.id),
      evidenceDueBy: due,
      daysLeft: 10,
    });

    const dispute = await call(base, 'GET', `/api/ledger/documents/dispute/${noticeCase.erpRef}`);
    expect(dispute.body.document).toMatchObject({ status: 'open', amount: 6887 });
    const { entries } = await postings(noticeCase.id);
    expect(line(entries.open, '1150')).toMatchObject({ debit: 6887 });
    expect(line(entries.open, '1000')).toMatchObject({ credit: 6887 });

    const tagged = await waitUntil(async () => {
      const o = (await shop('GET', `/orders/${order.id}`)).body.order;
      return o.tags.includes('chargeback') ? o : undefined;
    }, 'the order tagged');
    expect(tagged.note).toContain(`Chargeback CB-1001`);
    expect(tagged.note).toContain(due);

    const packet = (await call(base, 'GET', `/api/disputes/${noticeCase.id}/packet`)).body;
    expect(packet.payment).toMatchObject({
      transactionId: String(sale.transaction_id),
      cardLast4: '5439',
      avsResponse: sale.avs_response,
      cscResponse: sale.csc_response,
      ip: '203.0.113.7',
    });
    expect(packet.order.lineItems).toEqual([
      {
        title: 'Oolong tea',
        sku: 'TEA-notice',
        quantity: 1,
        price: { amount: 6887, currency: 'USD' },
      },
    ]);
    expect(packet.shippingAddress.lines).toContain('12 Harbour Road');
    const text = await pdfText(noticeCase.id);
    expect(text).toContain(order.name);
    expect(text).toContain('68.87 USD');
    expect(text).toContain(`AVS result: ${sale.avs_response}`);
    expect(text).toContain('Grace notice');
    expect(text).toContain('by UPS, tracking 1Z999AA10123456784');
    expect(text).toContain('Customer IP: 203.0.113.7');
    for (const body of [JSON.stringify(packet), text]) expect(body).not.toContain(TEST_CARD);

    const mail = await mailTo(/^Chargeback CB-1001: evidence due/);
    expect(mail.header('subject')).toContain(due);
  }, 90_000);

  it('the same notice delivered twice, or imported from the report, makes nothing new', async () => {
    const before = await settled();
    const again = await paytraceAdmin('POST', '/chargebacks/CB-1001/redeliver');
    expect(again.body.delivery.status).toBe(202);
    const report = await fetch(`${paytraceUrl}/__admin/chargebacks/report.csv`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    }).then((r) => r.text());
    expect(report).toContain('CB-1001');
    const imported = await uploadReport(report);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ imported: 0, duplicates: 1, errors: [] });
    // Unsigned (or signed with another secret) is refused; signed but not a chargeback is a 422.
    const forged = await postNotice(
      JSON.stringify({ type: 'chargeback.created', data: { case_number: 'CB-666' } }),
      `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
    );
    expect(forged.status).toBe(401);
    const garbage = await postNotice(
      JSON.stringify({
        type: 'chargeback.created',
        data: { case_number: 'CB-667', amount: 'x', received_date: '2026-11-02' },
      }),
    );
    expect(garbage.status).toBe(422);
    expect(garbage.body.error.message).toMatch(/amount/);
    expect((await settled()).length).toBe(before.length);
    const dispute = await call(base, 'GET', `/api/ledger/documents/dispute/${noticeCase.erpRef}`);
    expect(dispute.body.document.status).toBe('open');
    expect(await casesMatching('CB-1001')).toHaveLength(1);
  }, 60_000);

  it('reminds the team before the evidence due date (compressed clock)', async () => {
    const runs = await flowRuns();
    const waiting = runs.find((r) => r.status === 'waiting')!;
    expect(waiting).toBeDefined();
    // The run sleeps durably until three days before the deadline (midnight UTC), not longer.
    const [sleep] = await sql<{ resume_at: Date }[]>`
      select resume_at from run_steps
      where run_id = ${waiting.id} and node_id = 'wait' and status = 'suspended'`;
    expect(sleep!.resume_at.toISOString()).toBe(`${dateIn(7)}T00:00:00.000Z`);
    expect(smtp.messages.some((m) => /^Reminder/.test(m.header('subject') ?? ''))).toBe(false);
    const run = await fastForward(waiting.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const mail = await mailTo(/^Reminder: chargeback CB-1001/);
    expect(mail.body).toContain('days left');
    const detail = (await call(base, 'GET', `/api/disputes/${noticeCase.id}`)).body;
    expect(detail.timeline.map((t: any) => t.kind)).toEqual(
      expect.arrayContaining(['intake', 'packet', 'reminder']),
    );
    expect(detail.runs.map((r: any) => r.id)).toContain(waiting.id);
  }, 60_000);

  it('a won notice releases the reserve and tags the order', async () => {
    const won = await paytraceAdmin('PATCH', '/chargebacks/CB-1001', { status: 'Won' });
    expect(won.body.delivery.status).toBe(202);
    await waitUntil(async () => {
      const [c] = await casesMatching('CB-1001');
      return c.status === 'won' ? c : undefined;
    }, 'the case won');
    const { entries } = await waitUntil(async () => {
      const p = await postings(noticeCase.id);
      return p.entries.won ? p : undefined;
    }, 'the won posting');
    expect(line(entries.won, '1000')).toMatchObject({ debit: 6887 });
    expect(line(entries.won, '1150')).toMatchObject({ credit: 6887 });
    const o = await waitUntil(async () => {
      const order = (await shop('GET', `/orders/${noticeOrder.id}`)).body.order;
      return order.tags.includes('chargeback-won') ? order : undefined;
    }, 'the order tagged chargeback-won');
    expect(o.note).toContain('reserve released');
  }, 60_000);

  it('a Shopify dispute opens its case; lost writes the amount off', async () => {
    const { order } = await paidOrder('shopify', '25.00');
    const created = await shop('POST', `/orders/${order.id}/disputes`, {
      reason: 'product_not_received',
      network_reason_code: '13.1',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const disputeId = String(created.body.dispute.id);
    const found = await caseWithPacket(disputeId);
    expect(found).toMatchObject({
      processor: 'shopify',
      channels: ['shopify'],
      status: 'open',
      amount: 2500,
      reasonCode: '13.1',
      orderRef: String(order.id),
      orderName: order.name,
    });
    expect(await pdfText(found.id)).toContain(order.name);
    await waitUntil(async () => {
      const o = (await shop('GET', `/orders/${order.id}`)).body.order;
      return o.tags.includes('chargeback') ? o : undefined;
    }, 'the order tagged');
    const lost = await shop('PATCH', `/disputes/${disputeId}`, { status: 'lost' });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    const { entries } = await waitUntil(async () => {
      const p = await postings(found.id);
      return p.entries.lost ? p : undefined;
    }, 'the lost posting');
    expect(line(entries.lost, '6100')).toMatchObject({ debit: 2500 });
    expect(line(entries.lost, '1150')).toMatchObject({ credit: 2500 });
    const dispute = await call(base, 'GET', `/api/ledger/documents/dispute/${found.erpRef}`);
    expect(dispute.body.document.status).toBe('lost');
  }, 90_000);

  it('a report row opens a case; the upload answers imported, duplicates and errors by line', async () => {
    await call(base, 'PATCH', '/sandbox/paytrace/__admin/settings', {
      chargebackNotificationUrl: null,
    });
    const { order, sale } = await paidOrder('report', '40.10');
    const opened = await paytraceAdmin('POST', '/chargebacks', {
      transaction_id: sale.transaction_id,
      case_number: 'CB-2002',
      case_type: 'retrieval',
      reason_code: '13.2',
      reply_by_date: dateIn(2),
    });
    expect(opened.body.delivery).toBeNull();
    const report = await fetch(`${paytraceUrl}/__admin/chargebacks/report.csv`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    }).then((r) => r.text());
    const broken = `${report}CB-3003,Chargeback,Open,13/45/2026,,1,,VISA,1111,abc,10.4,x\r\n`;
    const answer = await uploadReport(broken);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.imported).toBe(1);
    expect(answer.body.duplicates).toBe(1);
    expect(answer.body.errors).toEqual([{ line: 4, message: expect.stringContaining('date') }]);
    const found = await caseWithPacket('CB-2002');
    expect(found).toMatchObject({
      channels: ['report'],
      kind: 'retrieval',
      amount: 4010,
      orderName: order.name,
      status: 'open',
    });
    const text = await pdfText(found.id);
    expect(text).toContain(order.name);
    expect(text).toContain('40.10 USD');
    // A second upload of the same report is all duplicates.
    const again = await uploadReport(report);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 2, errors: [] });
  }, 90_000);

  it('refuses a report it cannot read, and lists cases by deadline with the ratio thresholds', async () => {
    const bad = await uploadReport('hello,world\r\n1,2\r\n');
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/no caseNumber, amount, received column/);
    const list = (await call(base, 'GET', '/api/disputes')).body.cases as any[];
    const dues = list.map((c) => c.evidenceDueBy);
    expect(dues).toEqual([...dues].sort());
    const open = (await call(base, 'GET', '/api/disputes?status=open')).body.cases as any[];
    expect(open.map((c) => c.caseNumber)).toEqual(['CB-2002']);
    const closed = (await call(base, 'GET', '/api/disputes?status=won&status=lost')).body
      .cases as any[];
    expect(closed.map((c) => c.status).sort()).toEqual(['lost', 'won']);
    const soon = (await call(base, 'GET', `/api/disputes?dueBefore=${dateIn(5)}`)).body
      .cases as any[];
    expect(soon.map((c) => c.caseNumber)).toEqual(['CB-2002']);
    const badDate = await call(base, 'GET', '/api/disputes?dueBefore=tomorrow');
    expect(badDate.status).toBe(400);
    const ratio = (await call(base, 'GET', '/api/disputes/ratio?months=3')).body;
    expect(ratio.months).toHaveLength(3);
    expect(ratio.months[2].disputes).toBeGreaterThanOrEqual(2);
    expect(ratio.thresholds.map((t: any) => t.ratio)).toEqual([0.015, 0.005, 0.007]);
  }, 30_000);
});
