import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');
const path = `e2e-canvas-${Date.now()}`;

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;
let flowId: string;

const at = (x: number, y: number) => ({ x, y });
/**
 * REST order in, a branch on the amount: large orders are invoiced in the built-in ledger and
 * wait for review, the others are accepted. A multi-output node, and cards of three families.
 */
const graph = {
  nodes: [
    {
      id: 'order',
      type: 'trigger.rest',
      typeVersion: 1,
      config: { path, mode: 'sync' },
      position: at(0, 0),
    },
    {
      id: 'amount',
      type: 'branch',
      typeVersion: 1,
      config: { rules: [{ port: 'large', when: 'body.total_cents > 10000' }] },
      position: at(300, 0),
    },
    {
      id: 'invoice',
      type: 'erp.invoice-from-order',
      typeVersion: 1,
      config: {},
      position: at(620, -110),
    },
    {
      id: 'review',
      type: 'respond',
      typeVersion: 1,
      config: { status: 202 },
      position: at(940, -110),
    },
    {
      id: 'accept',
      type: 'respond',
      typeVersion: 1,
      config: { status: 200 },
      position: at(620, 110),
    },
  ],
  edges: [
    { from: { node: 'order', port: 'out' }, to: { node: 'amount', port: 'in' } },
    { from: { node: 'amount', port: 'large' }, to: { node: 'invoice', port: 'in' } },
    { from: { node: 'invoice', port: 'out' }, to: { node: 'review', port: 'in' } },
    { from: { node: 'amount', port: 'default' }, to: { node: 'accept', port: 'in' } },
  ],
};

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

describe.skipIf(!hasChromium)('canvas, end to end in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the latest run as badges and labels the branch edges by port', async () => {
    const res = await page.request.fetch(`${base}/api/flows`, {
      method: 'POST',
      data: { name: `Canvas ${Date.now()}`, graph, activate: true, message: 'first cut' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(res.status()).toBe(201);
    flowId = ((await res.json()) as { id: string }).id;
    const order = await fetch(`${base}/hooks/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: '1001', total_cents: 2500 }),
    });
    expect(order.status).toBe(200);

    await page.goto(`${base}/flows/${flowId}`);
    await page.locator(node('amount')).waitFor();
    await expect.poll(() => page.getByTestId('run-status-accept').textContent()).toBe('ran');
    await expect(page.getByTestId('run-status-amount').textContent()).resolves.toBe('ran');
    await expect(page.getByTestId('run-status-review').count()).resolves.toBe(0);
    const labels = await page.locator('.react-flow__edge-text').allTextContents();
    expect(labels.sort()).toEqual(['default', 'large']);
    // Cards wear their family's colour: the trigger's differs from the core nodes'.
    const accent = (id: string) =>
      page
        .locator(node(id))
        .locator('.flow-node')
        .evaluate((e) => getComputedStyle(e).borderLeftColor);
    expect(await accent('order')).not.toBe(await accent('amount'));
  });

  it('adds a sticky note that is saved with the flow and there again after a reload', async () => {
    await page.locator(node('amount')).click();
    await page.getByTestId('palette-sticky-note').dblclick();
    const text = page.getByLabel('Note text');
    await text.waitFor();
    await text.fill('Orders over $100 wait for a **manual review**.');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    const note = page.getByTestId('sticky-note-1');
    await expect.poll(() => note.locator('strong').textContent()).toBe('manual review');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByText('Saved version 2').waitFor();
    await page.reload();
    await page.getByTestId('sticky-note-1').waitFor();
    await expect(page.getByTestId('sticky-note-1').textContent()).resolves.toContain(
      'Orders over $100 wait for a manual review.',
    );
    const saved = (await (await page.request.get(`${base}/api/flows/${flowId}`)).json()) as {
      version: { graph: { notes?: { text: string }[] } };
    };
    expect(saved.version.graph.notes?.map((n) => n.text)).toEqual([
      'Orders over $100 wait for a **manual review**.',
    ]);

    await page.getByTestId('run-status-accept').waitFor();
    // For the picture: a wide window, the flow fitted to it.
    await page.setViewportSize({ width: 1680, height: 820 });
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('f');
    await page.waitForTimeout(500);
    // The README's copy (docs/screenshots/canvas-cards.png) is refreshed from here by hand.
    await page.locator('.workspace-body').screenshot({ path: join(ARTIFACTS, 'canvas-cards.png') });
    expect(errors).toEqual([]);
  });

  it('colours the minimap by node kind, and brings a node added beside the selection into view', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator(node('review')).waitFor();
    // Each card's family colour is its dot on the minimap (the sticky note keeps its own).
    const rgb = (colour: string) =>
      page.evaluate((c) => {
        const probe = document.createElement('i');
        probe.style.color = c;
        document.body.append(probe);
        const out = getComputedStyle(probe).color;
        probe.remove();
        return out;
      }, colour);
    const cats = await page
      .locator('.react-flow__node .flow-node')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.getPropertyValue('--cat')));
    expect(new Set(cats).size).toBeGreaterThanOrEqual(3);
    const fills = await page
      .locator('.react-flow__minimap-node')
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
    const note = await rgb('#f5e08a');
    expect(fills.filter((f) => f !== note).sort()).toEqual(
      (await Promise.all(cats.map(rgb))).sort(),
    );

    // The rightmost card pushed to the canvas' right edge: what is added after it lands beside
    // it, off screen, and the canvas pans to show it.
    const canvas = (await page.locator('.canvas').boundingBox())!;
    const review = (await page.locator(node('review')).boundingBox())!;
    const from = { x: canvas.x + 30, y: canvas.y + canvas.height - 30 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + (canvas.x + canvas.width - 80 - review.x), from.y, {
      steps: 5,
    });
    await page.mouse.up();
    await page.locator(node('review')).click();
    await page.getByTestId('palette-map').dblclick();
    const added = page.locator(node('map'));
    await added.waitFor();
    const inside = async () => {
      const box = (await added.boundingBox())!;
      return (
        box.x >= canvas.x &&
        box.x + box.width <= canvas.x + canvas.width &&
        box.y >= canvas.y &&
        box.y + box.height <= canvas.y + canvas.height
      );
    };
    await expect.poll(inside, { timeout: 5_000 }).toBe(true);
    const placed = (await added.boundingBox())!;
    const beside = (await page.locator(node('review')).boundingBox())!;
    expect(placed.x).toBeGreaterThan(beside.x + beside.width);
    expect(errors).toEqual([]);
  });
});
