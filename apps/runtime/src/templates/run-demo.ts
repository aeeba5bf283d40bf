/**
 * The guided sandbox demo, scriptable: both templates installed against the simulator
 * connections (the existing installs reused), a shopper with a PayTrace vault profile seeded in
 * both simulators, and one order placed through the Shopify simulator's admin API, whose
 * webhook starts the order-to-cash run as a real store's would.
 *
 * @module
 */
import type { z } from '@hono/zod-openapi';
import { DEMO_CREDENTIALS, SHOPIFY_DEMO_CREDENTIALS } from '@paybridge/sandbox';
import type { Context } from 'hono';
import { isSafeNumber, parse } from 'lossless-json';
import { activateFlowVersion } from '../flows/create-flow';
import {
  SANDBOX_PAYTRACE_CONNECTION,
  SANDBOX_SHOPIFY_CONNECTION,
} from '../sandbox/sandbox-connections';
import * as q from '../db/queries/flows';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import type { DemoResult } from './api-schemas';
import { installTemplate } from './install-template';
import type { Template } from './template-catalog';

type Result = z.infer<typeof DemoResult>;

/** The demo shopper's PayTrace vault id (kept across demos: one profile, many orders). */
export const DEMO_VAULT_ID = 'paybridge-demo-shopper';
const DEMO_EMAIL = 'demo.shopper@example.com';
/** The simulator's public test card; it goes to the simulator only, in process. */
const SIMULATOR_TEST_CARD = '4012000098765439';
const DEMO_TEMPLATES = ['order-to-cash', 'refund-to-credit-memo'] as const;
const RUN_WAIT_MS = 10_000;

/** A simulator answer, ids beyond 2^53 kept as text. */
async function answer<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new ApiError(502, 'DEMO_SIMULATOR_FAILED', `${what}: ${res.status} ${text}`);
  return parse(text, undefined, (v) => (isSafeNumber(v) ? Number(v) : v)) as T;
}

/** A simulator app, called in process. */
interface Simulator {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

function post(app: Simulator, path: string, body: unknown, token?: string) {
  return app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** The demo shopper's vault profile in the PayTrace simulator, created once. */
async function seedVaultProfile(paytrace: Simulator) {
  const { customers } = await answer<{ customers: { customerId: string }[] }>(
    await paytrace.request('/__admin/customers'),
    'Reading the PayTrace simulator',
  );
  if (customers.some((c) => c.customerId === DEMO_VAULT_ID)) return;
  const token = await answer<{ access_token: string }>(
    await paytrace.request('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: DEMO_CREDENTIALS.username,
        password: DEMO_CREDENTIALS.password,
      }).toString(),
    }),
    'Signing in to the PayTrace simulator',
  );
  const created = await answer<{ response_code?: number }>(
    await post(
      paytrace,
      '/v1/customer/create',
      {
        customer_id: DEMO_VAULT_ID,
        credit_card: {
          number: SIMULATOR_TEST_CARD,
          expiration_month: '12',
          expiration_year: '2030',
        },
        billing_address: { name: 'Demo Shopper', street_address: '1 Main St', zip: '85284' },
      },
      token.access_token,
    ),
    'Creating the demo vault profile',
  );
  if (created.response_code !== 160)
    throw new ApiError(502, 'DEMO_SIMULATOR_FAILED', `Vault profile: ${JSON.stringify(created)}`);
}

/** The demo shopper in the Shopify simulator, with the vault id metafield; created once. */
async function seedShopifyCustomer(shopify: Simulator): Promise<string> {
  const { customers } = await answer<{ customers: { id: unknown; email: string | null }[] }>(
    await shopify.request('/__admin/customers'),
    'Reading the Shopify simulator',
  );
  const existing = customers.find((c) => c.email === DEMO_EMAIL);
  if (existing) return String(existing.id);
  const { customer } = await answer<{ customer: { id: unknown } }>(
    await post(shopify, '/__admin/customers', {
      first_name: 'Demo',
      last_name: 'Shopper',
      email: DEMO_EMAIL,
      paytrace_vault_id: DEMO_VAULT_ID,
    }),
    'Creating the demo customer',
  );
  return String(customer.id);
}

/**
 * The connection of `type` to the built-in simulator with its demo account (the one a sandbox
 * start creates), preferring the one under the sandbox's own name.
 */
async function simulatorConnection(deps: AppDeps, type: 'shopify' | 'paytrace'): Promise<string> {
  const demo = (values: Record<string, unknown>) =>
    values.environment === 'simulator' &&
    (type === 'shopify'
      ? values.shopDomain === SHOPIFY_DEMO_CREDENTIALS.shopDomain
      : values.username === DEMO_CREDENTIALS.username);
  const own = type === 'shopify' ? SANDBOX_SHOPIFY_CONNECTION : SANDBOX_PAYTRACE_CONNECTION;
  const candidates = (await deps.connections.list(type)).filter((c) => demo(c.values));
  const found = candidates.find((c) => c.name === own) ?? candidates[0];
  if (!found)
    throw new ApiError(
      409,
      'DEMO_CONNECTION_MISSING',
      `No ${type} connection to the built-in simulator's demo account; restart in sandbox mode to recreate "${own}"`,
    );
  return found.id;
}

/** Waits (bounded) for the run the order's webhook starts in `flowId`. */
async function runOfOrder(deps: AppDeps, flowId: string, orderId: string) {
  const until = Date.now() + RUN_WAIT_MS;
  while (Date.now() < until) {
    const [row] = await deps.sql<{ id: string }[]>`
      select r.id from runs r join events e on e.id = r.event_id
      where r.flow_id = ${flowId} and (e.payload::jsonb #>> '{body,id}') = ${orderId}
      limit 1`;
    if (row) return row.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Runs the demo (see the module comment); the caller checked sandbox mode. */
export async function runDemo(deps: AppDeps, c: Context, templates: Template[]): Promise<Result> {
  const sandbox = deps.sandbox;
  if (!sandbox)
    throw new ApiError(
      404,
      'SANDBOX_ONLY',
      'The demo runs only in sandbox mode (PAYBRIDGE_SANDBOX=on)',
    );
  const connections = {
    shopify: await simulatorConnection(deps, 'shopify'),
    paytrace: await simulatorConnection(deps, 'paytrace'),
    erp: null,
  };
  const flows: Result['flows'] = [];
  for (const id of DEMO_TEMPLATES) {
    const template = templates.find((t) => t.manifest.id === id);
    if (!template) throw new ApiError(500, 'DEMO_TEMPLATE_MISSING', `Template ${id} is missing`);
    const installed = await installTemplate(deps, c, template, {
      connections,
      parameters: {},
      activate: true,
      copy: false,
    });
    const flow = installed.flows[0]!;
    if (!flow.active) {
      const version = await q.findVersion(deps.db, flow.id, flow.version);
      if (version) await activateFlowVersion(deps, flow.id, version);
    }
    flows.push({ ...flow, active: true, templateId: id, reused: installed.reused });
  }
  await seedVaultProfile(sandbox.paytrace);
  const customerId = await seedShopifyCustomer(sandbox.shopify);
  const { order } = await answer<{ order: { id: unknown; name: unknown } }>(
    await post(sandbox.shopify, '/__admin/orders', {
      customer_id: customerId,
      gateway: 'PayTrace',
      line_items: [{ title: 'Paybridge demo tea', price: '24.00', quantity: 2, sku: 'DEMO-TEA' }],
    }),
    'Placing the demo order',
  );
  const shopifyOrderId = String(order.id);
  const orderFlow = flows.find((f) => f.templateId === 'order-to-cash')!;
  const runId = await runOfOrder(deps, orderFlow.id, shopifyOrderId);
  await deps.audit.record(c, {
    action: 'demo.run',
    targetType: 'flow',
    targetId: orderFlow.id,
    details: { shopifyOrderId, runId },
  });
  return { shopifyOrderId, orderName: String(order.name), runId, flows };
}
