import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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

/**
 * Saves a screenshot with the test artifacts (the README's copies in docs/screenshots are
 * refreshed from there by hand, so a test run never changes tracked files).
 */
async function screenshot(locator: ReturnType<Page['locator']>, name: string) {
  const file = join(ARTIFACTS, name);
  await locator.screenshot({ path: file });
}

const orderFlow = (expression: string) => ({
  nodes: [
    {
      id: 'trigger',
      type: 'trigger.rest',
      typeVersion: 1,
      config: { path: `e2e-live-${Date.now()}` },
      position: { x: 0, y: 0 },
    },
    {
      id: 'shape',
      type: 'map',
      typeVersion: 1,
      config: { expression },
      position: { x: 260, y: 0 },
    },
  ],
  edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
});

describe.skipIf(!hasChromium)('administration, end to end in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates an API token, copies it, uses it against the API, then revokes it and gets 401', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.getByTestId('runtime-version').waitFor();
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'API tokens' })
      .click();
    expect(new URL(page.url()).pathname).toBe('/settings/tokens');

    await page.getByLabel('Token name').fill('deploy script');
    await page.getByLabel('Token role').selectOption('viewer');
    await page.getByLabel('Expires in').selectOption('30 days');
    await page.getByRole('button', { name: 'Create token' }).click();
    const once = page.getByTestId('new-token');
    await once.getByText('This is the only time it is shown').waitFor();
    const shown = (await once.getByTestId('new-token-value').textContent())!;
    await once.getByRole('button', { name: 'Copy token' }).click();
    await once.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    await page.getByTestId('token-deploy script').waitFor();
    await screenshot(page.locator('.page'), 'settings-tokens.png');

    const asToken = () =>
      fetch(`${base}/api/flows`, { headers: { authorization: `Bearer ${copied}` } });
    const ok = await asToken();
    expect(ok.status).toBe(200);
    expect(Array.isArray(((await ok.json()) as { flows: unknown[] }).flows)).toBe(true);

    await once.getByRole('button', { name: 'I have copied it' }).click();
    await expect(page.getByText(copied).count()).resolves.toBe(0);
    await page.reload();
    const row = page.getByTestId('token-deploy script');
    await expect.poll(() => row.locator('td').nth(4).textContent()).not.toBe('never');
    await row.getByRole('button', { name: 'Revoke' }).click(); // the confirm is accepted
    await row.getByText('Revoked').waitFor();
    expect((await asToken()).status).toBe(401);

    // The audit log shows both, filtered to token actions.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').selectOption('token');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect
      .poll(() => page.getByTestId('audit-entry').locator('td:nth-child(3)').allTextContents())
      .toEqual(['token.revoke', 'token.create']);
    expect(errors).toEqual([]);
  });

  it('makes an older version live from the versions dialog and shows what changed between them', async () => {
    const flow = await api('POST', '/api/flows', {
      name: `Make live ${Date.now()}`,
      graph: orderFlow('{ "total": body.total_cents }'),
      activate: true,
      message: 'first cut',
    });
    const graph2 = orderFlow('{ "total": body.subtotal_cents }');
    graph2.nodes[0]!.config = flow.version.graph.nodes[0].config;
    graph2.nodes.push({
      id: 'cents',
      type: 'map',
      typeVersion: 1,
      config: { expression: '{ "cents": total }' },
      position: { x: 520, y: 0 },
    });
    graph2.edges.push({ from: { node: 'shape', port: 'out' }, to: { node: 'cents', port: 'in' } });
    await api('PUT', `/api/flows/${flow.id}`, { graph: graph2, message: 'charge the subtotal' });

    await page.goto(`${base}/flows/${flow.id}`);
    await expect.poll(() => page.getByTestId('flow-status').textContent()).toContain('live v1');
    await page.getByRole('button', { name: 'Versions', exact: true }).click();
    const dialog = page.getByTestId('versions-dialog');
    await dialog
      .getByTestId('version-2')
      .getByRole('button', { name: 'Make this version live' })
      .click();
    await page.getByText('Version 2 is live').waitFor();
    await expect.poll(() => page.getByTestId('flow-status').textContent()).toContain('live v2');
    await dialog.getByTestId('version-2').getByText('live', { exact: true }).waitFor();
    const detail = (await (await page.request.get(`${base}/api/flows/${flow.id}`)).json()) as {
      activeVersion: number;
    };
    expect(detail.activeVersion).toBe(2);

    await dialog.getByRole('button', { name: 'Compare versions' }).click();
    const changed = dialog.getByTestId('diff-changed-shape-config.expression');
    await changed.waitFor();
    expect(await changed.locator('td').allTextContents()).toEqual([
      'shape',
      'config.expression',
      '{ "total": body.total_cents }',
      '{ "total": body.subtotal_cents }',
    ]);
    await dialog.getByTestId('diff-added-cents').waitFor();
    await dialog.getByText('shape.out → cents.in').waitFor();
    await screenshot(dialog, 'version-diff.png');

    // The toolbar offers the same switch for the version on the canvas.
    await dialog.getByRole('button', { name: 'Back to the list' }).click();
    await dialog.getByTestId('version-1').getByRole('button', { name: 'View' }).click();
    await page
      .getByRole('toolbar', { name: 'Flow' })
      .getByRole('button', { name: 'Make v1 live' })
      .click();
    await expect.poll(() => page.getByTestId('flow-status').textContent()).toContain('live v1');
    await expect(
      page
        .getByRole('toolbar', { name: 'Flow' })
        .getByRole('button', { name: 'Make v1 live' })
        .count(),
    ).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
