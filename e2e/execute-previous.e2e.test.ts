import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';
import { sandboxPaytrace } from './support/sandbox-paytrace';

const base = inject('baseUrl').replace(/\/$/, '');
const CUSTOMER = `e2e-exec-${Date.now()}`;
const ORDER = `E2E-${Date.now()}`;

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;
let flowId: string;
let testRunId: string;

const simulator = (path: string, body: Record<string, unknown>) =>
  sandboxPaytrace(base, path, body);

async function api(method: string, path: string, data?: unknown): Promise<any> {
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    ...(data === undefined ? {} : { data }),
    headers: { 'x-csrf-token': csrf },
  });
  expect(res.status(), `${method} ${path}`).toBeLessThan(300);
  return res.json();
}

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

describe.skipIf(!hasChromium)('Execute previous nodes, end to end in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
    const vault = await simulator('/v1/customer/create', {
      customer_id: CUSTOMER,
      credit_card: { number: '4012000098765439', expiration_month: '12', expiration_year: '2030' },
      billing_address: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '85284' },
    });
    expect(vault.response_code).toBe(160);
    // The merchant's production account: a test run must not charge it unless told to.
    const connection = await api('POST', '/api/connections', {
      type: 'paytrace',
      name: 'Production account',
      values: {
        username: 'live-api-user',
        password: 'live-api-password',
        environment: 'production',
      },
    });
    const flow = await api('POST', '/api/flows', {
      name: `Execute previous ${Date.now()}`,
      graph: {
        nodes: [
          {
            id: 'order',
            type: 'trigger.rest',
            typeVersion: 1,
            config: { path: `e2e-exec-${Date.now()}` },
            position: { x: 0, y: 0 },
          },
          {
            id: 'charge',
            type: 'paytrace.sale',
            typeVersion: 1,
            config: {
              connectionId: connection.id,
              source: { kind: 'vault', customerId: CUSTOMER },
              amount: '=body.cents',
              currency: 'USD',
              description: '="order " & body.order',
            },
            position: { x: 320, y: 0 },
          },
          {
            id: 'shape',
            type: 'map',
            typeVersion: 1,
            config: { expression: '{}' },
            position: { x: 640, y: 0 },
          },
        ],
        edges: [
          { from: { node: 'order', port: 'out' }, to: { node: 'charge', port: 'in' } },
          { from: { node: 'charge', port: 'approved' }, to: { node: 'shape', port: 'in' } },
        ],
      },
    });
    flowId = flow.id;
    await api('PUT', `/api/flows/${flowId}/samples/order`, {
      body: { order: ORDER, cents: 1234 },
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the nodes before on the simulator and maps their real outputs', async () => {
    await page.goto(`${base}/flows/${flowId}`);
    await page.locator(node('shape')).click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByTestId('open-mapping-expression').click();
    const dialog = page.getByTestId('mapping-dialog');
    await dialog.waitFor();

    const started = Date.now();
    await dialog.getByTestId('execute-previous').click();
    const ask = page.getByTestId('live-calls-dialog');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('charge (Production account)');
    await ask.getByRole('button', { name: 'Use the simulator' }).click();

    // The source tree fills with what the sale really answered.
    const transaction = dialog.getByTestId('source-"transactionId"');
    await expect
      .poll(async () => /\d{3,}/.test((await transaction.textContent()) ?? ''), { timeout: 60_000 })
      .toBe(true);
    console.log(`execute previous nodes: real data in ${Date.now() - started} ms`);
    await dialog.screenshot({ path: join(ARTIFACTS, 'execute-previous.png') });

    const runs = await api('GET', `/api/runs?flowId=${flowId}`);
    const [run] = runs.runs;
    expect(run).toMatchObject({ test: 'simulator', stopAfter: 'charge', status: 'succeeded' });
    const detail = await api('GET', `/api/runs/${run.id}`);
    const sale = detail.steps.find((s: any) => s.nodeId === 'charge');
    expect(await transaction.textContent()).toContain(String(sale.output.transactionId));
    testRunId = run.id;
    expect(errors).toEqual([]);
  });

  it('replays the test run as a test run on the simulator, marked as such in the runs list', async () => {
    await page.goto(`${base}/runs/${testRunId}`);
    await page.getByTestId('run-view').waitFor();
    await expect(page.getByTestId('run-view-status').textContent()).resolves.toContain(
      'test · simulator',
    );
    await page.getByRole('button', { name: 'Replay as a test run' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(testRunId));
    await page
      .getByText('Replaying as a new test run: live PayTrace goes to the simulator')
      .waitFor();
    const status = page.getByTestId('run-view-status');
    await status.filter({ hasText: 'Succeeded' }).waitFor({ timeout: 60_000 });
    await expect(status.textContent()).resolves.toContain('test · simulator');
    const replayId = new URL(page.url()).pathname.split('/')[2];

    // The runs list marks both runs as test runs; the replay stopped where the original did.
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    const rows = page.getByTestId('runs-table').locator('tbody tr');
    const replayRow = rows.filter({ has: page.locator(`a[href="/runs/${replayId}"]`) });
    await expect.poll(() => replayRow.count()).toBe(1);
    await expect(replayRow.getByTestId('test-run-mark').textContent()).resolves.toBe(
      'test · simulator',
    );
    const replayed = await api('GET', `/api/runs/${replayId}`);
    expect(replayed).toMatchObject({ test: 'simulator', stopAfter: 'charge' });
    expect(errors).toEqual([]);
  });

  it('after a branch that merges, runs the way the order takes and maps what came that way', async () => {
    const path = `e2e-merge-${Date.now()}`;
    const merge = await api('POST', '/api/flows', {
      name: `Merge ${Date.now()}`,
      graph: {
        nodes: [
          { id: 'order', type: 'trigger.rest', typeVersion: 1, config: { path } },
          {
            id: 'route',
            type: 'branch',
            typeVersion: 1,
            config: { rules: [{ port: 'big', when: 'body.cents > 10000' }] },
          },
          {
            id: 'review',
            type: 'map',
            typeVersion: 1,
            config: { expression: '{ "way": "review", "order": body.order }' },
          },
          {
            id: 'accept',
            type: 'map',
            typeVersion: 1,
            config: { expression: '{ "way": "accepted at once", "order": body.order }' },
          },
          { id: 'book', type: 'map', typeVersion: 1, config: { expression: '{}' } },
        ].map((n, i) => ({ ...n, position: { x: i * 320, y: 0 } })),
        edges: [
          { from: { node: 'order', port: 'out' }, to: { node: 'route', port: 'in' } },
          { from: { node: 'route', port: 'big' }, to: { node: 'review', port: 'in' } },
          { from: { node: 'route', port: 'default' }, to: { node: 'accept', port: 'in' } },
          { from: { node: 'review', port: 'out' }, to: { node: 'book', port: 'in' } },
          { from: { node: 'accept', port: 'out' }, to: { node: 'book', port: 'in' } },
        ],
      },
    });
    await api('PUT', `/api/flows/${merge.id}/samples/order`, {
      body: { order: ORDER, cents: 1234 },
    });
    await page.goto(`${base}/flows/${merge.id}`);
    await page.locator(node('book')).click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByTestId('open-mapping-expression').click();
    const dialog = page.getByTestId('mapping-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('execute-previous').click();

    // The small order went the "accept" way: that is the input of "book", with the run's data.
    const input = dialog
      .locator('.source-tree section')
      .filter({ has: page.getByRole('heading', { name: 'Input (from accept)' }) });
    await expect
      .poll(async () => (await input.textContent()) ?? '', { timeout: 60_000 })
      .toContain('from the run shown');
    expect(await input.getByTestId('source-"way"').textContent()).toContain('accepted at once');
    // The way not taken keeps its shape for mapping, said not to have run.
    await expect(
      dialog.getByRole('heading', { name: '$node("review")' }).textContent(),
    ).resolves.toContain('not reached by the run shown');
    await dialog.screenshot({ path: join(ARTIFACTS, 'execute-previous-merge.png') });

    const runs = await api('GET', `/api/runs?flowId=${merge.id}`);
    const [run] = runs.runs;
    expect(run).toMatchObject({ test: 'simulator', stopAfter: 'review,accept' });
    const detail = await api('GET', `/api/runs/${run.id}`);
    expect(detail.steps.map((s: any) => s.nodeId)).toEqual(['order', 'route', 'accept']);
    expect(errors).toEqual([]);
  });
});
