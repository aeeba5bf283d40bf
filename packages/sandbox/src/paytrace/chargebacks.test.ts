import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient } from '../test/paytrace-client.js';

const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
let client: Awaited<ReturnType<typeof startClient>>;
let receiver: Server;
const received: { headers: Record<string, string>; body: string }[] = [];

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${client.sim.url}/__admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(202).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  client = await startClient();
  const port = (receiver.address() as AddressInfo).port;
  Object.assign(client.sim.handle.settings, {
    chargebackNotificationUrl: `http://127.0.0.1:${port}/hooks/chargebacks`,
    chargebackNotificationSecret: SECRET,
  });
});
afterAll(async () => {
  await client.sim.close();
  await new Promise((r) => receiver.close(r));
});

/** Verifies a delivery as a Standard Webhooks receiver would. */
function verified(delivery: { headers: Record<string, string>; body: string }) {
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
  const { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': sig } = delivery.headers;
  const expected = createHmac('sha256', key)
    .update(`${id}.${ts}.${delivery.body}`)
    .digest('base64');
  return sig === `v1,${expected}`;
}

describe('chargebacks (UNCONFIRMED notification shape)', () => {
  it('marks the notification shape UNCONFIRMED and sends none without a URL by default', async () => {
    const fresh = await startClient();
    expect(fresh.sim.handle.settings).toMatchObject({
      chargebackNotificationUrl: null,
      chargebackNotificationShape: 'unconfirmed-standard-webhooks-v1',
    });
    await fresh.sim.close();
  });

  it('opens a case on a sale, notifies it signed, redelivers the same body, follows it to won', async () => {
    const sale = await client.keyed('sale', '10.00', { invoice_id: 'INV-1' });
    const opened = await admin('POST', '/chargebacks', {
      transaction_id: sale.body.transaction_id,
      case_number: 'CB-1',
      reply_by_date: '2026-12-01',
    });
    expect(opened.status).toBe(201);
    expect(received).toHaveLength(1);
    const first = received[0]!;
    expect(verified(first)).toBe(true);
    const notice = JSON.parse(first.body);
    expect(notice).toMatchObject({
      type: 'chargeback.created',
      data: {
        case_number: 'CB-1',
        status: 'open',
        transaction_id: String(sale.body.transaction_id),
        invoice_id: 'INV-1',
        amount: '10.00',
        currency: 'USD',
        card_last4: '5439',
        reply_by_date: '2026-12-01',
      },
    });
    expect(first.body).not.toContain('4012000098765439');

    await admin('POST', '/chargebacks/CB-1/redeliver');
    expect(received[1]!.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(received[1]!.body).toBe(first.body);
    expect(verified(received[1]!)).toBe(true);

    await admin('PATCH', '/chargebacks/CB-1', { status: 'Won' });
    const won = received[2]!;
    expect(won.headers['webhook-id']).not.toBe(first.headers['webhook-id']);
    expect(JSON.parse(won.body)).toMatchObject({
      type: 'chargeback.updated',
      data: { status: 'won' },
    });
    expect((await admin('PATCH', '/chargebacks/CB-1', { status: 'Maybe' })).status).toBe(400);

    const report = await admin('GET', '/chargebacks/report.csv');
    expect(report.text.split('\r\n')[1]).toMatch(
      new RegExp(
        `^CB-1,Chargeback,Won,\\d\\d/\\d\\d/\\d{4},12/01/2026,${sale.body.transaction_id},INV-1,VISA,5439,10.00,10.4,`,
      ),
    );
  });
});
