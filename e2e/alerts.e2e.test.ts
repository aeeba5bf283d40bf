import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;
let receiver: Server;
let receiverUrl: string;
const received: { text: string; title: string }[] = [];

/** A state-changing API call in the signed-in browser session, as the editor makes it. */
async function api(method: 'POST', path: string, data: unknown): Promise<any> {
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    data: data as Record<string, unknown>,
    headers: { 'x-csrf-token': csrf },
  });
  const body = (await res.json()) as unknown;
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body;
}

describe.skipIf(!hasChromium)('alerts settings, in Chromium', () => {
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as never);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T0/B0/e2e`;
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
  });
  afterAll(async () => {
    await browser?.close();
    receiver?.closeAllConnections();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  });

  it('creates a webhook channel and a rule, and shows the alert a failed run raises', async () => {
    await page.goto(`${base}/settings/alerts`);
    await page.getByRole('heading', { name: 'Channels' }).waitFor();
    const channelForm = page.getByRole('form', { name: 'New channel' });
    await channelForm.getByLabel('Channel name').fill('E2E chat');
    await channelForm.getByLabel('Webhook URL').fill(receiverUrl);
    await channelForm.getByRole('button', { name: 'Add channel' }).click();
    await page.getByText('Webhook (URL saved, not shown)').waitFor();
    // The URL holds a token: it is never shown again.
    await expect(page.content()).resolves.not.toContain('/services/T0/B0/e2e');

    await page.getByRole('button', { name: 'Send test to E2E chat' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent' }).waitFor();

    const ruleForm = page.getByRole('form', { name: 'New rule' });
    await ruleForm.getByLabel('Condition').selectOption('run_failed');
    await ruleForm.getByLabel('Rule name').fill('E2E failures');
    await ruleForm.getByLabel('Quiet period (minutes)').fill('0.1');
    await ruleForm.getByRole('checkbox', { name: 'E2E chat' }).check();
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('.alert-rules').getByText('E2E failures').waitFor();

    await api('POST', '/api/flows', {
      name: 'E2E failing flow',
      activate: true,
      graph: {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.rest',
            typeVersion: 1,
            config: { path: 'e2e/alerts', mode: 'async' },
            position: { x: 0, y: 0 },
          },
          {
            id: 'price',
            type: 'map',
            typeVersion: 1,
            config: { expression: '$error("order total missing")' },
            position: { x: 280, y: 0 },
          },
        ],
        edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'price', port: 'in' } }],
      },
    });
    const hook = await page.request.post(`${base}/hooks/e2e/alerts`, { data: { id: 1 } });
    expect(hook.status()).toBeLessThan(300);

    const history = page.getByTestId('alert-history');
    await history.getByText(/E2E failures: 1 run failure/).waitFor({ timeout: 30_000 });
    await history.getByText('Resolved: E2E failures').waitFor({ timeout: 30_000 });
    expect(received.filter((r) => r.title?.startsWith('E2E failures'))).toHaveLength(1);
    expect(received.filter((r) => r.title === 'Resolved: E2E failures')).toHaveLength(1);
    await page.screenshot({ path: join(ARTIFACTS, 'alerts-settings.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000);
});
