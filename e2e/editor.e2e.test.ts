import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ARTIFACTS,
  hasChromium,
  launchBrowser,
  mouseDrag,
  newPage,
  signInAsAdmin,
} from './support/browser';

const base = inject('baseUrl');
const sample = {
  method: 'POST',
  path: 'orders/shape',
  headers: {},
  query: {},
  body: { id: '1001', customer: { email: 'ada@example.com' }, total_cents: 2500 },
};

let browser: Browser;
let page: Page;
let errors: string[];

const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

/** Drags a node type from the palette onto the canvas (once more if the first drop was lost). */
async function dropFromPalette(type: string, x: number, y: number) {
  const before = await page.locator('.react-flow__node').count();
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.dragAndDrop(`[data-testid="palette-${type}"]`, '.react-flow__pane', {
      targetPosition: { x, y },
    });
    try {
      await expect
        .poll(() => page.locator('.react-flow__node').count(), { timeout: 2000 })
        .toBe(before + 1);
      return;
    } catch {
      // A drop can be lost while the canvas is still settling; try again.
    }
  }
  await page.screenshot({ path: join(ARTIFACTS, `drop-failed-${type}.png`) });
  throw new Error(`could not drop ${type} onto the canvas`);
}

describe.skipIf(!hasChromium)('editor, end to end in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in', async () => {
    await signInAsAdmin(page, base);
  });

  it('builds trigger.rest -> map -> respond by dragging from the palette and connecting ports', async () => {
    await page.getByRole('button', { name: 'New flow' }).first().click();
    const pane = page.locator('.react-flow__pane');
    await pane.waitFor();
    await dropFromPalette('trigger.rest', 140, 260);
    await dropFromPalette('map', 400, 260);
    await dropFromPalette('respond', 400, 420);
    await expect(page.locator('.react-flow__node').count()).resolves.toBe(3);

    await mouseDrag(
      page,
      `${node('rest')} .react-flow__handle.source`,
      `${node('map')} .react-flow__handle.target`,
    );
    await mouseDrag(
      page,
      `${node('map')} .react-flow__handle.source`,
      `${node('respond')} .react-flow__handle.target`,
    );
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // A loop is refused, with the reason.
    await mouseDrag(
      page,
      `${node('respond')} .react-flow__handle.source`,
      `${node('map')} .react-flow__handle.target`,
    );
    await expect(page.getByTestId('connection-refused').textContent()).resolves.toMatch(/loop/);
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(2);
    // Lay the nodes out so none covers another, however the drops landed on a busy machine.
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
  });

  it('configures the trigger and pins a sample event', async () => {
    await page.locator(node('rest')).click();
    await page.getByLabel(/^Path/).fill('orders/shape');
    await page.getByLabel('Response mode').selectOption('sync');
    await expect(page.getByTestId('trigger-url').textContent()).resolves.toBe(
      `${base}/hooks/orders/shape`,
    );
    await page.getByRole('tab', { name: 'Sample' }).click();
    await page.getByLabel('Sample event (JSON)').fill(JSON.stringify(sample, null, 2));
    await page.getByRole('button', { name: 'Pin sample' }).click();
    await page.getByText(/^Pinned.*: previews and test runs use this event$/).waitFor();
  });

  it('maps two fields by dragging in the mapping editor and sees the preview', async () => {
    await page.locator(node('map')).click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByTestId('open-mapping-expression').click();
    const dialog = page.getByTestId('mapping-dialog');
    await dialog.waitFor();
    await page.dragAndDrop('[data-testid=\'source-"body"."id"\']', '[data-testid="target-new"]');
    await page.dragAndDrop(
      '[data-testid=\'source-"body"."customer"."email"\']',
      '[data-testid="target-new"]',
    );
    await expect
      .poll(async () =>
        JSON.parse((await page.getByTestId('mapping-preview').textContent()) ?? 'null'),
      )
      .toEqual({ id: '1001', email: 'ada@example.com' });
    await expect(page.getByLabel('Expression for email').inputValue()).resolves.toBe(
      'body.customer.email',
    );
    await dialog.screenshot({ path: join(ARTIFACTS, 'mapping-editor.png') });

    // Typing a mistake points at it; fixing it brings the preview back.
    const editor = page.getByTestId('mapping-expression');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' +');
    await page.getByTestId('mapping-error').waitFor();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.getByTestId('mapping-preview').waitFor();
    await page.getByTestId('mapping-apply').click();
    await expect(page.locator(node('map')).textContent()).resolves.toContain('"id": body.id');
  });

  it('copies, pastes, undoes and redoes from the keyboard, and shows the shortcuts', async () => {
    await page.locator(node('map')).click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(4);
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts').getByText('Arrange nodes automatically').waitFor();
    await page.keyboard.press('Escape');
  });

  it('saves and activates, then the trigger URL answers with the mapped data', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByLabel('What changed? (optional)').fill('first version');
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByText('Saved version 1').waitFor();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();
    await expect(page.getByTestId('flow-status').textContent()).resolves.toContain('live v1');

    const res = await fetch(`${base}/hooks/orders/shape`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sample.body),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: '1001', email: 'ada@example.com' });

    // The sample pinned before the first save now lives with the flow in the runtime.
    const flowId = new URL(page.url()).pathname.split('/').pop();
    await expect
      .poll(() =>
        page.evaluate(
          (id) =>
            fetch(`/api/flows/${id}/samples`)
              .then((r) => r.json())
              .then((b: { samples: { nodeId: string; payload: unknown }[] }) => b.samples),
          flowId,
        ),
      )
      .toEqual([expect.objectContaining({ nodeId: 'rest', payload: sample })]);
  });

  it("opens the run and shows each node's data", async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    const run = page.getByTestId('runs-list').getByRole('button').first();
    await run.click();
    await expect.poll(() => page.getByTestId('run-status-map').textContent()).toBe('ran');
    for (const id of ['rest', 'map', 'respond']) {
      await expect(page.getByTestId(`run-status-${id}`).textContent()).resolves.toBe('ran');
    }
    await page.locator(node('map')).click();
    await page.getByRole('tab', { name: 'Run data' }).click();
    await expect(page.getByTestId('run-output').textContent()).resolves.toContain(
      'ada@example.com',
    );
    await expect(page.getByTestId('run-input').textContent()).resolves.toContain(
      '"total_cents": 2500',
    );
    // Auto-layout (L) untangles the hand-dropped nodes before the picture is taken.
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('l');
    await page.waitForTimeout(400);
    await page.locator(node('map')).click();
    await page.locator('.workspace').screenshot({ path: join(ARTIFACTS, 'canvas.png') });
  });

  it('runs up to a chosen node: what follows it does not run', async () => {
    await page.locator(node('map')).click();
    await page.getByTestId('run-to-here').click();
    await page.getByText('Test run up to map succeeded').waitFor();
    await expect(page.getByTestId('run-status-map').textContent()).resolves.toBe('ran');
    await expect(page.getByTestId('run-status-respond').count()).resolves.toBe(0);
  });

  it('creates a connection and shows its secret only masked', async () => {
    const secret = 'e2e-bearer-token-0123456789abcdef';
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByLabel('Connection type').selectOption('webhook.bearer');
    await page.getByRole('button', { name: 'New connection' }).click();
    const dialog = page.getByTestId('connection-dialog');
    await dialog.getByLabel('Name *').fill('Orders webhook');
    await dialog.locator('#secret-token-0').fill(secret);
    await dialog.getByRole('button', { name: 'Create connection' }).click();
    const card = page.getByTestId('connection-Orders webhook');
    await card.waitFor();
    await expect(card.getByTestId('masked-token').textContent()).resolves.toContain('saved');
    await expect(page.content()).resolves.not.toContain(secret);
    await page.screenshot({ path: join(ARTIFACTS, 'connections.png') });
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
