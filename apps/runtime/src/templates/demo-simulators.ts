/**
 * What every step of the guided demo shares: in-process calls to the built-in simulators (big
 * ids kept as text), the simulator connections, the templates installed against them, and the
 * bounded wait for the run an order's webhook starts.
 *
 * @module
 */
import type { z } from '@hono/zod-openapi';
import { DEMO_CREDENTIALS, SHOPIFY_DEMO_CREDENTIALS } from '@paybridge/sandbox';
import type { Context } from 'hono';
import { isSafeNumber, parse } from 'lossless-json';
import { activateFlowVersion } from '../flows/create-flow';
import * as q from '../db/queries/flows';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import {
  SANDBOX_PAYTRACE_CONNECTION,
  SANDBOX_SHOPIFY_CONNECTION,
} from '../sandbox/sandbox-connections';
import type { DemoResult } from './api-schemas';
import { installTemplate } from './install-template';
import type { Template } from './template-catalog';

const DEMO_TEMPLATES = ['order-to-cash', 'refund-to-credit-memo'] as const;
const RUN_WAIT_MS = 10_000;

/** The built-in simulators, or a 404 outside sandbox mode. */
export function demoSimulators(deps: AppDeps): NonNullable<AppDeps['sandbox']> {
  if (!deps.sandbox)
    throw new ApiError(
      404,
      'SANDBOX_ONLY',
      'The demo runs only in sandbox mode (the default with the embedded database, or PAYBRIDGE_SANDBOX=on): it places orders in the built-in simulators',
    );
  return deps.sandbox;
}

/** A simulator answer, ids beyond 2^53 kept as text. */
export async function answer<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new ApiError(502, 'DEMO_SIMULATOR_FAILED', `${what}: ${res.status} ${text}`);
  return parse(text, undefined, (v) => (isSafeNumber(v) ? Number(v) : v)) as T;
}

/** A simulator app, called in process. */
export interface Simulator {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** POSTs JSON to a simulator. */
export function post(app: Simulator, path: string, body: unknown, token?: string) {
  return app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
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

export type DemoFlows = z.infer<typeof DemoResult>['flows'];

/**
 * Both templates installed, active, against the simulator connections; an existing install with
 * the same connections is reused (activated again when someone switched it off).
 */
export async function installDemoFlows(
  deps: AppDeps,
  c: Context,
  templates: Template[],
): Promise<DemoFlows> {
  const connections = {
    shopify: await simulatorConnection(deps, 'shopify'),
    paytrace: await simulatorConnection(deps, 'paytrace'),
    erp: null,
  };
  const flows: DemoFlows = [];
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
  return flows;
}

/** Polls `read` until it answers something, for at most the demo's wait; else null. */
export async function waitFor<T>(read: () => Promise<T | null>): Promise<T | null> {
  const until = Date.now() + RUN_WAIT_MS;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits (bounded) for the run of `flowId` whose trigger body has id `resourceId`. */
export function runOf(deps: AppDeps, flowId: string, resourceId: string) {
  return waitFor(async () => {
    const [row] = await deps.sql<{ id: string }[]>`
      select r.id from runs r join events e on e.id = r.event_id
      where r.flow_id = ${flowId} and (e.payload::jsonb #>> '{body,id}') = ${resourceId}
      limit 1`;
    return row ? row.id : null;
  });
}

/** Places an order paid with the "PayTrace" manual payment method in the Shopify simulator. */
export async function placeDemoOrder(shopify: Simulator, customerId: string) {
  const { order } = await answer<{ order: { id: unknown; name: unknown } }>(
    await post(shopify, '/__admin/orders', {
      customer_id: customerId,
      gateway: 'PayTrace',
      line_items: [{ title: 'Paybridge demo tea', price: '24.00', quantity: 2, sku: 'DEMO-TEA' }],
    }),
    'Placing the demo order',
  );
  return { shopifyOrderId: String(order.id), orderName: String(order.name) };
}
