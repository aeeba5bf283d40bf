/**
 * The guided sandbox demo, scriptable: both templates installed against the simulator
 * connections (the existing installs reused), a shopper with a PayTrace vault profile seeded in
 * both simulators, and one order placed through the Shopify simulator's admin API, whose
 * webhook starts the order-to-cash run as a real store's would.
 *
 * @module
 */
import { DEMO_CREDENTIALS } from '@paybridge/sandbox';
import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import type { DemoResult } from './api-schemas';
import {
  answer,
  demoSimulators,
  installDemoFlows,
  placeDemoOrder,
  post,
  runOf,
  type Simulator,
} from './demo-simulators';
import type { Template } from './template-catalog';

type Result = z.infer<typeof DemoResult>;

/** The demo shopper's PayTrace vault id (kept across demos: one profile, many orders). */
export const DEMO_VAULT_ID = 'paybridge-demo-shopper';
const DEMO_EMAIL = 'demo.shopper@example.com';
/** The simulator's public test card; it goes to the simulator only, in process. */
const SIMULATOR_TEST_CARD = '4012000098765439';

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

/** Runs the demo (see the module comment); the caller checked sandbox mode. */
export async function runDemo(deps: AppDeps, c: Context, templates: Template[]): Promise<Result> {
  const sandbox = demoSimulators(deps);
  const flows = await installDemoFlows(deps, c, templates);
  await seedVaultProfile(sandbox.paytrace);
  const customerId = await seedShopifyCustomer(sandbox.shopify);
  const { shopifyOrderId, orderName } = await placeDemoOrder(sandbox.shopify, customerId);
  const orderFlow = flows.find((f) => f.templateId === 'order-to-cash')!;
  const runId = await runOf(deps, orderFlow.id, shopifyOrderId);
  await deps.audit.record(c, {
    action: 'demo.run',
    targetType: 'flow',
    targetId: orderFlow.id,
    details: { shopifyOrderId, runId },
  });
  return { shopifyOrderId, orderName, runId, flows };
}
