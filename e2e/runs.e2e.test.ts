import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;

/** An API call in the signed-in browser session, as the editor makes it. */
async function api(method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<any> {
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    ...(data === undefined ? {} : { data: data as Record<string, unknown> }),
    headers: { 'x-csrf-token': csrf },
  });
  const body = (await res.json()) as unknown;
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body;
}

/** Waits until a run reaches one of `statuses` (its stored status). */
async function runReaches(runId: string, statuses: string[], timeout = 60_000): Promise<any> {
  const until = Date.now() + timeout;
  for (;;) {
    const run = await api('GET', `/api/runs/${runId}`);
    if (statuses.includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${runId} is ${run.status}, not ${statuses}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Saves `graph` as the flow's new version and makes it live. */
async function saveLive(flowId: string, graph: unknown, message: string) {
  await api('PUT', `/api/flows/${flowId}`, { graph, message, activate: true });
}

type Graph = { nodes: { id: string; config: Record<string, unknown> }[]; edges: unknown[] };
const withExpression = (graph: Graph, nodeId: string, expression: string): Graph => ({
  ...graph,
  nodes: graph.nodes.map((n) =>
    n.id === nodeId ? { ...n, config: { ...n.config, expression } } : n,
  ),
});

/** A mapping bug: the payment's amount read as a number from text that is not one. */
const BROKEN = '$number("twelve dollars")';

describe.skipIf(!hasChromium)(
  'operations console: runs, run view and dead letters in Chromium',
  () => {
    let orderFlowId: string;
    let goodGraph: Graph;
    let orderName: string;
    let failedRunId: string;

    beforeAll(async () => {
      browser = await launchBrowser();
      ({ page, errors } = await newPage(browser));
      csrf = await signInAsAdmin(page, base);

      // The sandbox demo installs the order flow and places a first order, which goes through.
      const first = await api('POST', '/api/demo');
      orderFlowId = first.flows.find(
        (f: { templateId: string }) => f.templateId === 'order-to-cash',
      ).id;
      if (first.runId) await runReaches(first.runId, ['succeeded']);
      goodGraph = (await api('GET', `/api/flows/${orderFlowId}`)).version.graph;
      // A bad change goes live; the next order fails at the payment's mapping, after the charge.
      await saveLive(
        orderFlowId,
        withExpression(goodGraph, 'sale-result', BROKEN),
        'Amount as number',
      );
      const second = await api('POST', '/api/demo');
      orderName = second.orderName;
      failedRunId =
        second.runId ??
        (await api('GET', `/api/runs?q=${encodeURIComponent(orderName)}`)).runs[0].id;
      await runReaches(failedRunId, ['failed']);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('finds the run by its Shopify order name and shows the failed node’s error', async () => {
      await page.getByRole('link', { name: 'Runs', exact: true }).click();
      await page.getByRole('heading', { name: 'Runs' }).waitFor();
      await page.getByRole('searchbox').fill(orderName);
      await page.getByRole('searchbox').press('Enter');
      await expect.poll(() => page.getByTestId('runs-table').locator('tbody tr').count()).toBe(1);
      const row = page.getByTestId('runs-table').locator('tbody tr');
      await expect(row.textContent()).resolves.toMatch(/Dead-lettered/);
      await expect(row.textContent()).resolves.toMatch(/Webhook/);

      await row.getByRole('link').click();
      await page.getByTestId('run-view').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/runs/${failedRunId}`);
      await expect(page.getByTestId('run-error').textContent()).resolves.toMatch(
        /sale-result|number/i,
      );
      // Nodes are painted with how the run went; the failed one says so.
      await page.getByTestId('run-status-sale-result').filter({ hasText: 'failed' }).waitFor();
      await expect(page.getByTestId('run-status-sale').textContent()).resolves.toBe('ran');
      await page.getByRole('button', { name: /Show the failed node/ }).click();
      const error = page.getByTestId('run-node-error');
      await expect(error.textContent()).resolves.toMatch(/number/i);
      await page.screenshot({ path: join(ARTIFACTS, 'run-view.png') });
      // What it created before failing: the PayTrace sale and the ERP invoice.
      await page.getByRole('button', { name: '← Run summary' }).click();
      await expect(page.getByTestId('run-documents').textContent()).resolves.toMatch(
        /PayTrace transaction/,
      );
    });

    it('fixes the flow, retries from the failed step on the latest version and watches it succeed', async () => {
      await saveLive(orderFlowId, goodGraph, 'Fix: the payment is the charge');
      await page.getByRole('button', { name: 'Retry on latest version' }).click();
      await page
        .getByTestId('run-view-status')
        .filter({ hasText: 'Succeeded' })
        .waitFor({ timeout: 60_000 });
      await page.getByTestId('run-status-payment').filter({ hasText: 'ran' }).waitFor();
      // Exactly once: the retry went on from the failed step; the sale was not charged again.
      const run = await api('GET', `/api/runs/${failedRunId}`);
      expect(run.steps.filter((s: { nodeId: string }) => s.nodeId === 'sale')).toHaveLength(1);
    });

    it('replays with edited input: card data refused, an edited event replayed as a linked run', async () => {
      const run = await api('GET', `/api/runs/${failedRunId}`);
      await page.getByRole('button', { name: 'Replay with edited input…' }).click();
      const dialog = page.getByTestId('replay-edit-dialog');
      await dialog.waitFor();
      const editor = dialog.getByTestId('replay-json');
      const withCard = {
        ...run.trigger,
        body: { ...run.trigger.body, card_number: '4111111111111111' },
      };
      await editor.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.insertText(JSON.stringify(withCard, null, 2));
      await dialog.getByRole('button', { name: 'Replay with this input' }).click();
      await expect(dialog.getByTestId('replay-refusal').textContent()).resolves.toMatch(
        /CARD_DATA_REFUSED/,
      );
      const edited = { ...run.trigger, body: { ...run.trigger.body, note: 'Replayed by support' } };
      await editor.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.insertText(JSON.stringify(edited, null, 2));
      await dialog.getByRole('button', { name: 'Replay with this input' }).click();
      await page.waitForURL(
        (url) => url.pathname.startsWith('/runs/') && !url.pathname.endsWith(failedRunId),
      );
      const replayId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByTestId('related-runs').filter({ hasText: 'Replay of' }).waitFor();
      const replay = await runReaches(replayId, ['succeeded', 'failed', 'declined']);
      expect(replay.trigger.body.note).toBe('Replayed by support');
      expect(replay.source).toBe('replay');
      // The replay found the order's charge already made: no second sale.
      expect(
        replay.documents.filter(
          (d: { kind: string; foundExisting: boolean }) =>
            d.kind === 'paytrace-transaction' && !d.foundExisting,
        ),
      ).toEqual([]);
    });

    it('bulk-retries 50 dead letters after a fix, the progress bar reaching 100%', async () => {
      const flow = await api('POST', '/api/flows', {
        name: 'E2E bulk',
        activate: true,
        graph: {
          nodes: [
            {
              id: 'rest',
              type: 'trigger.rest',
              typeVersion: 1,
              config: { path: 'e2e/bulk' },
              position: { x: 0, y: 0 },
            },
            {
              id: 'amount',
              type: 'map',
              typeVersion: 1,
              config: { expression: '$number(body.amount)' },
              position: { x: 280, y: 0 },
            },
          ],
          edges: [{ from: { node: 'rest', port: 'out' }, to: { node: 'amount', port: 'in' } }],
        },
      });
      const flowId: string = flow.id;
      const graph = flow.version.graph as Graph;
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${base}/hooks/e2e/bulk`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ amount: `${i + 1} dollars` }),
          }).then((r) => expect(r.status).toBe(202)),
        ),
      );
      await expect
        .poll(
          async () =>
            (await api('GET', `/api/dead-letters/groups?flowId=${flowId}`)).groups[0]?.count ?? 0,
          { timeout: 90_000, interval: 500 },
        )
        .toBe(50);
      await saveLive(
        flowId,
        withExpression(graph, 'amount', '$number($replace(body.amount, " dollars", ""))'),
        'Strip the unit',
      );

      // The Runs page, unfiltered: the dead-lettered runs among the orders and the replay.
      await page.getByRole('link', { name: 'Runs', exact: true }).click();
      await page.getByRole('searchbox').fill('');
      await page.getByRole('searchbox').press('Enter');
      await expect.poll(() => page.getByTestId('runs-table').locator('tbody tr').count()).toBe(50);
      await page.getByRole('button', { name: 'Load more' }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'runs.png') });

      await page.getByRole('link', { name: /^Dead letters/ }).click();
      await page.getByRole('heading', { name: 'Dead letters' }).waitFor();
      const group = page.getByTestId('dead-letter-group').filter({ hasText: 'E2E bulk' });
      await expect(group.getByTestId('group-count').textContent()).resolves.toBe('50');
      await group.locator('summary').click();
      await expect.poll(() => group.getByTestId('dead-letter-row').count()).toBe(50);
      await page.screenshot({ path: join(ARTIFACTS, 'dead-letters.png') });

      await group.getByRole('button', { name: 'Retry on latest version' }).click();
      await page.getByTestId('bulk-progress').waitFor();
      await page
        .getByTestId('bulk-percent')
        .filter({ hasText: '100%' })
        .waitFor({ timeout: 90_000 });
      await expect(page.getByTestId('bulk-summary').textContent()).resolves.toBe(
        '50 succeeded, 0 failed',
      );
      await expect
        .poll(
          async () => (await api('GET', `/api/dead-letters/groups?flowId=${flowId}`)).groups.length,
        )
        .toBe(0);
    });

    it('raised no page errors', () => {
      expect(errors).toEqual([]);
    });
  },
);
