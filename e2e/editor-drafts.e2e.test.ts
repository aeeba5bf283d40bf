import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FlowGraph } from '@paybridge/engine';
import {
  generatedFlow40,
  paymentFlow10,
} from '../apps/editor/src/editor/canvas/sample-flows.test-support';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;

/** A state-changing API call in the signed-in browser session, as the editor makes it. */
async function api(method: 'POST' | 'PUT', path: string, data: unknown): Promise<any> {
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    data: data as Record<string, unknown>,
    headers: { 'x-csrf-token': csrf },
  });
  const body = (await res.json()) as unknown;
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body;
}

async function openFlow(id: string) {
  await page.goto(`${base}/flows/${id}`);
  await page.locator('.react-flow__node').first().waitFor();
}

/** The cards' boxes on screen, by node id. */
async function cardBoxes(): Promise<
  Record<string, { x: number; y: number; w: number; h: number }>
> {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return [el.getAttribute('data-id'), { x: r.x, y: r.y, w: r.width, h: r.height }];
      }),
    ),
  );
}

/** A manual trigger and one map step: a flow that runs anywhere, without connections. */
const runnable = (expression: string): FlowGraph => ({
  nodes: [
    { id: 'start', type: 'trigger.manual', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    {
      id: 'shape',
      type: 'map',
      typeVersion: 1,
      name: 'Shape order',
      config: { expression },
      position: { x: 320, y: 0 },
    },
  ],
  edges: [{ from: { node: 'start', port: 'out' }, to: { node: 'shape', port: 'in' } }],
});

describe.skipIf(!hasChromium)('editor for integrators', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('saves a draft with problems, lists them by node and field, and refuses to activate it', async () => {
    const graph = runnable('body');
    graph.nodes.push({
      id: 'charge',
      type: 'paytrace.sale',
      typeVersion: 1,
      name: 'Charge card',
      config: {},
      position: { x: 640, y: 0 },
    });
    graph.edges.push({ from: { node: 'shape', port: 'out' }, to: { node: 'charge', port: 'in' } });
    const flow = await api('POST', '/api/flows', { name: 'E2E draft', graph, draft: true });
    expect(flow.problems.length).toBeGreaterThan(0);
    await openFlow(flow.id);

    const problems = page.getByRole('region', { name: 'Problems' });
    const amount = problems.getByRole('button', { name: '"Charge card" › Amount: required' });
    await amount.waitFor();
    expect(await problems.textContent()).not.toMatch(/nodes\.\d|config\./);
    await amount.click();
    await expect
      .poll(() => page.locator('.react-flow__node[data-id="charge"]').getAttribute('class'))
      .toContain('selected');

    // Another save keeps the draft; Activate says what is missing, naming node and field.
    await page.getByLabel('Flow name').fill('E2E draft, still unfinished');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByTestId('save-dialog').getByRole('button', { name: 'Save version' }).click();
    await page.getByText(/Saved version 2 as a draft with \d+ problems/).waitFor();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText(/Not activated: .*"Charge card" › /).waitFor();
    await expect(page.getByTestId('flow-status').textContent()).resolves.toContain('inactive');
    // Trying again says the same thing: one toast that counts, not a pile of copies.
    await page.getByRole('button', { name: 'Activate' }).click();
    const refusals = page.getByTestId('toast-error').filter({ hasText: 'Not activated' });
    await refusals.getByLabel('2 times').waitFor();
    await expect(refusals.count()).resolves.toBe(1);
    await refusals.getByRole('button', { name: 'Dismiss' }).click();
  });

  it.each([
    ['10', paymentFlow10()],
    ['40', generatedFlow40()],
  ])(
    'lays out a %s-node flow made through the API when it opens, left to right without overlaps',
    async (count, graph) => {
      const flow = await api('POST', '/api/flows', {
        name: `E2E layout ${count}`,
        graph,
        draft: true,
      });
      await openFlow(flow.id);
      // Laid out once measured; that is not an unsaved change.
      await expect
        .poll(async () => new Set(Object.values(await cardBoxes()).map((b) => b.x)).size)
        .toBeGreaterThan(3);
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await page.waitForTimeout(400);
      const boxes = await cardBoxes();
      expect(Object.keys(boxes)).toHaveLength(graph.nodes.length);
      const ids = Object.keys(boxes);
      for (const [i, a] of ids.entries()) {
        for (const b of ids.slice(i + 1)) {
          const p = boxes[a]!;
          const q = boxes[b]!;
          const apart =
            p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y;
          expect(apart, `${a} overlaps ${b}`).toBe(true);
        }
      }
      for (const e of graph.edges) {
        const from = boxes[e.from.node]!;
        const to = boxes[e.to.node]!;
        expect(to.x, `${e.from.node} → ${e.to.node}`).toBeGreaterThanOrEqual(from.x + from.w);
      }
      await expect(page.getByTestId('flow-status').textContent()).resolves.not.toContain('unsaved');
      // The README's pictures: at 1280 px the canvas between palette and inspector is ~600 px
      // wide, so they are taken at fit in a 1920x1080 window, where the cards can be read.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await page.waitForTimeout(400);
      await page
        .locator('.canvas')
        .screenshot({ path: join(ARTIFACTS, `canvas-${count}-nodes.png`) });
      await page.setViewportSize({ width: 1280, height: 800 });
    },
  );

  it('keeps the toolbar on one line at 1280 px, with every button of a live flow with edits', async () => {
    const flow = await api('POST', '/api/flows', {
      name: 'E2E toolbar with a rather long flow name',
      graph: runnable('{ "id": body.id }'),
      activate: true,
    });
    await openFlow(flow.id);
    await page.locator('.react-flow__node[data-id="shape"]').click();
    await page.getByLabel(/^Name/).fill('Shape the order');
    const toolbar = page.getByRole('toolbar', { name: 'Flow' });
    await toolbar.getByRole('button', { name: 'Make live' }).waitFor();
    const tops = await toolbar
      .locator('button, input')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(new Set(tops).size, `control tops: ${tops.join(', ')}`).toBe(1);
    const box = (await toolbar.boundingBox())!;
    // Nothing pushed out of sight either: the last button ends inside the toolbar.
    const rights = await toolbar
      .locator('button')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
    expect(Math.max(...rights)).toBeLessThanOrEqual(box.x + box.width);
    const save = (await toolbar.getByRole('button', { name: 'Save', exact: true }).boundingBox())!;
    expect(box.height).toBeLessThan(save.height * 2);
    await toolbar.screenshot({ path: join(ARTIFACTS, 'toolbar-1280.png') });
  });

  it('makes edits live in one click, with no moment without a live version', async () => {
    // Continues on the live flow edited above: one click saves v2 and switches to it.
    const toolbar = page.getByRole('toolbar', { name: 'Flow' });
    await toolbar.getByRole('button', { name: 'Make live' }).click();
    await expect.poll(() => page.getByTestId('flow-status').textContent()).toBe('v2 · live v2');
    await expect(toolbar.getByRole('button', { name: 'Deactivate' }).isVisible()).resolves.toBe(
      true,
    );
  });

  it('asks for the payload when Run has no pinned sample, prefilled, and runs with it', async () => {
    const flow = await api('POST', '/api/flows', {
      name: 'E2E run payload',
      graph: runnable('{ "id": body.id }'),
    });
    await openFlow(flow.id);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByTestId('run-payload-dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/Trigger payload/).fill('{ "body": { "id": "1001" } }');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Test run succeeded').waitFor();
  });

  it('asks before signing out with unsaved changes', async () => {
    const asked: string[] = [];
    await page.getByLabel('Flow name').fill('E2E run payload, renamed');
    // "Stay": still signed in, the edit still there (this page otherwise accepts every dialog).
    page.removeAllListeners('dialog');
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => asked.join('\n')).toContain('unsaved changes');
    await expect(page.getByLabel('Flow name').inputValue()).resolves.toBe(
      'E2E run payload, renamed',
    );
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    // "Leave": signed out.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(asked).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
