import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createShopifyClient } from './graphql-client';
import { defineMutation, defineQuery } from './operation';
import { createShopifyRuntime, type ShopifyRuntime } from './runtime';
import { shopifySettings } from './settings';
import { ShopifyOutcomeUnknownError, ShopifyUserError } from './errors';
import { fakeClock, type FakeClock } from '../test/fake-clock';
import {
  costExtension,
  startScriptedServer,
  type ScriptedAnswer,
  type ScriptedRequest,
  type ScriptedServer,
} from '../test/scripted-server';

const shopName = defineQuery({
  name: 'ShopName',
  document: 'query ShopName { shop { name } }',
  variables: z.object({}),
  data: z.object({ shop: z.object({ name: z.string() }) }),
  cost: () => 1,
});

const tagsAdd = defineMutation({
  name: 'TagsAdd',
  document:
    'mutation TagsAdd($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } } }',
  variables: z.object({ id: z.string(), tags: z.array(z.string()).min(1) }),
  data: z.object({
    tagsAdd: z.object({
      node: z.object({ id: z.string() }).nullable(),
      userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() })),
    }),
  }),
  userErrors: (data) => data.tagsAdd.userErrors,
});

const ORDER = 'gid://shopify/Order/9007199254740993123';
const ok = (available = 1990): ScriptedAnswer => ({
  json: { data: { shop: { name: 'Demo' } }, extensions: costExtension(available, 1) },
});
const tagged = (): ScriptedAnswer => ({
  json: { data: { tagsAdd: { node: { id: ORDER }, userErrors: [] } }, extensions: costExtension() },
});

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Setup {
  runtime: ShopifyRuntime;
  clock: FakeClock;
  client: ReturnType<typeof createShopifyClient>;
}

async function setup(
  script: (request: ScriptedRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>,
  values: Record<string, unknown> = {},
  runtime?: ShopifyRuntime,
): Promise<Setup> {
  server = await startScriptedServer(script);
  const clock = fakeClock();
  runtime ??= createShopifyRuntime({
    http: { allowPrivateCidrs: ['127.0.0.1/32'] },
    now: clock.now,
    sleep: clock.sleep,
    random: () => 1,
  });
  const settings = shopifySettings(
    {
      shopDomain: 'demo.myshopify.com',
      environment: 'custom',
      baseUrl: server.origin,
      accessToken: 'shpat_secret',
      webhookSecret: 'whsec',
      retryBudgetSeconds: 30,
      requestTimeoutSeconds: 2,
      ...values,
    },
    undefined,
  );
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  const client = createShopifyClient(runtime, settings, {
    signal: new AbortController().signal,
    logger,
  });
  return { runtime, clock, client };
}

describe('shopify graphql client', () => {
  it('posts the document with the token to the versioned endpoint and validates data', async () => {
    const { client } = await setup(() => ok());
    await expect(client.run(shopName, {})).resolves.toEqual({ shop: { name: 'Demo' } });
    const [request] = server!.received;
    expect(request?.path).toBe('/admin/api/2026-10/graphql.json');
    expect(request?.headers['x-shopify-access-token']).toBe('shpat_secret');
    expect(request?.json).toEqual({ query: shopName.document, variables: {} });
  });

  it('refuses invalid variables before sending anything', async () => {
    const { client } = await setup(() => tagged());
    await expect(client.run(tagsAdd, { id: ORDER, tags: [] })).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'SHOPIFY_REQUEST_INVALID',
      message: 'TagsAdd: invalid input in tags',
    });
    expect(server!.received).toHaveLength(0);
  });

  it('waits out THROTTLED by the restore rate, then resends (mutations too)', async () => {
    const { client, clock } = await setup((_req, index) =>
      index === 0
        ? {
            json: {
              errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
              extensions: {
                cost: {
                  requestedQueryCost: 10,
                  actualQueryCost: null,
                  throttleStatus: {
                    maximumAvailable: 2000,
                    currentlyAvailable: 4,
                    restoreRate: 100,
                  },
                },
              },
            },
          }
        : tagged(),
    );
    await expect(client.run(tagsAdd, { id: ORDER, tags: ['a'] })).resolves.toBeDefined();
    expect(server!.received).toHaveLength(2);
    // (10 − 4) / 100 s = 60 ms, waited in the cost bucket
    expect(clock.waits).toEqual([60]);
  });

  it('computes the THROTTLED wait from requested cost and availability', async () => {
    const { client, clock } = await setup((_req, index) =>
      index === 0
        ? {
            json: {
              errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
              extensions: {
                cost: {
                  requestedQueryCost: 752,
                  actualQueryCost: null,
                  throttleStatus: {
                    maximumAvailable: 1000,
                    currentlyAvailable: 666,
                    restoreRate: 50,
                  },
                },
              },
            },
          }
        : ok(),
    );
    await client.run(shopName, {});
    expect(clock.waits[0]).toBe(1720); // (752 − 666) / 50 s
  });

  it('honours 429 Retry-After in (fractional) seconds', async () => {
    const { client, clock } = await setup((_req, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '2.0' }, text: '' } : tagged(),
    );
    await client.run(tagsAdd, { id: ORDER, tags: ['a'] });
    expect(clock.waits).toEqual([2000]);
    expect(server!.received).toHaveLength(2);
  });

  it('retries a query through 5xx and resets with growing backoff', async () => {
    const { client, clock } = await setup((_req, index) =>
      index === 0 ? { status: 502, text: 'bad gateway' } : index === 1 ? 'reset' : ok(),
    );
    await expect(client.run(shopName, {})).resolves.toEqual({ shop: { name: 'Demo' } });
    expect(clock.waits).toEqual([250, 500]);
  });

  it('never resends a mutation after a 5xx or a reset: the outcome is unknown', async () => {
    for (const answer of [{ status: 503, text: '' }, 'reset'] as const) {
      const { client } = await setup(() => answer);
      const failure = client.run(tagsAdd, { id: ORDER, tags: ['a'] });
      await expect(failure).rejects.toBeInstanceOf(ShopifyOutcomeUnknownError);
      await expect(failure).rejects.toMatchObject({ errorClass: 'transient' });
      expect(server!.received).toHaveLength(1);
      await server!.close();
      server = undefined;
    }
  });

  it('gives up past the retry budget with a TransientError carrying retryAfterMs', async () => {
    const { client } = await setup(
      () => ({ status: 429, headers: { 'retry-after': '45' }, text: '' }),
      { retryBudgetSeconds: 30 },
    );
    await expect(client.run(shopName, {})).rejects.toMatchObject({
      errorClass: 'transient',
      code: 'SHOPIFY_HTTP_429',
      retryAfterMs: 45_000,
    });
    expect(server!.received).toHaveLength(1);
  });

  it("turns top-level errors into a PermanentError with Shopify's messages", async () => {
    const { client } = await setup(() => ({
      json: {
        errors: [
          {
            message: "Field 'nope' doesn't exist on type 'Shop'",
            extensions: { code: 'undefinedField' },
          },
        ],
      },
    }));
    await expect(client.run(shopName, {})).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'SHOPIFY_GRAPHQL_ERROR',
      message: "Shopify refused ShopName: Field 'nope' doesn't exist on type 'Shop'",
    });
  });

  it('surfaces userErrors with the field and message as a BusinessError', async () => {
    const { client } = await setup(() => ({
      json: {
        data: {
          tagsAdd: {
            node: null,
            userErrors: [{ field: ['tags', '0'], message: 'Tag is too long' }],
          },
        },
        extensions: costExtension(),
      },
    }));
    const failure = client.run(tagsAdd, { id: ORDER, tags: ['x'.repeat(300)] });
    await expect(failure).rejects.toBeInstanceOf(ShopifyUserError);
    await expect(failure).rejects.toMatchObject({
      errorClass: 'business',
      code: 'SHOPIFY_USER_ERROR',
      message: 'Shopify refused TagsAdd: tags.0: Tag is too long',
      details: { userErrors: [{ field: ['tags', '0'], message: 'Tag is too long' }] },
    });
  });

  it("reports a refused static token with Shopify's message, without the token", async () => {
    const { client } = await setup(() => ({
      status: 401,
      json: {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      },
    }));
    const failure = client.run(shopName, {});
    await expect(failure).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'SHOPIFY_UNAUTHORIZED',
      message:
        'Shopify refused the access token: [API] Invalid API key or access token (unrecognized login or wrong password)',
    });
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('shpat') });
  });

  it('refuses a custom URL in a private network the policy does not allow', async () => {
    server = await startScriptedServer(() => ok());
    const runtime = createShopifyRuntime({ http: { allowPrivateCidrs: [] } });
    const settings = shopifySettings(
      {
        shopDomain: 'demo.myshopify.com',
        environment: 'custom',
        baseUrl: server.origin,
        accessToken: 'shpat_secret',
        webhookSecret: 'whsec',
      },
      undefined,
    );
    const client = createShopifyClient(runtime, settings, {
      signal: new AbortController().signal,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    await expect(client.run(shopName, {})).rejects.toMatchObject({ code: 'SSRF_BLOCKED' });
    expect(server.received).toHaveLength(0);
  });
});

describe('shopify client credentials', () => {
  const credentials = { accessToken: undefined, clientId: 'app-id', clientSecret: 'app-secret' };

  function tokenServer(lifetimeSeconds: number, rejectToken?: string) {
    let issued = 0;
    return (request: ScriptedRequest): ScriptedAnswer => {
      if (request.path === '/admin/oauth/access_token') {
        issued += 1;
        return {
          json: {
            access_token: `tok-${issued}`,
            scope: 'read_orders',
            expires_in: lifetimeSeconds,
          },
        };
      }
      if (request.headers['x-shopify-access-token'] === rejectToken) {
        return { status: 401, json: { errors: '[API] Invalid API key or access token' } };
      }
      return ok();
    };
  }

  it('grants once for concurrent callers and sends the form fields Shopify expects', async () => {
    const { client } = await setup(tokenServer(86_399), credentials);
    await Promise.all([
      client.run(shopName, {}),
      client.run(shopName, {}),
      client.run(shopName, {}),
    ]);
    const grants = server!.received.filter((r) => r.path === '/admin/oauth/access_token');
    expect(grants).toHaveLength(1);
    expect(grants[0]?.json).toEqual({
      client_id: 'app-id',
      client_secret: 'app-secret',
      grant_type: 'client_credentials',
    });
    const calls = server!.received.filter((r) => r.path.endsWith('graphql.json'));
    expect(calls.map((r) => r.headers['x-shopify-access-token'])).toEqual([
      'tok-1',
      'tok-1',
      'tok-1',
    ]);
  });

  it('renews the token before its 24-hour expiry', async () => {
    const { client, clock } = await setup(tokenServer(86_399), credentials);
    await client.run(shopName, {});
    clock.advance(23 * 3_600_000);
    await client.run(shopName, {});
    clock.advance(56 * 60_000); // 23 h 56 min: inside the five-minute margin
    await client.run(shopName, {});
    const tokens = server!.received
      .filter((r) => r.path.endsWith('graphql.json'))
      .map((r) => r.headers['x-shopify-access-token']);
    expect(tokens).toEqual(['tok-1', 'tok-1', 'tok-2']);
  });

  it('renews once when Shopify rejects the cached token', async () => {
    const { client } = await setup(tokenServer(86_399, 'tok-1'), credentials);
    await expect(client.run(shopName, {})).resolves.toBeDefined();
    const tokens = server!.received.map((r) => r.headers['x-shopify-access-token'] ?? r.path);
    expect(tokens).toEqual([
      '/admin/oauth/access_token',
      'tok-1',
      '/admin/oauth/access_token',
      'tok-2',
    ]);
  });

  it("shows Shopify's message when the credentials are refused", async () => {
    const { client } = await setup(
      () => ({
        status: 400,
        json: { error: 'invalid_client', error_description: 'Client authentication failed' },
      }),
      credentials,
    );
    await expect(client.run(shopName, {})).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'SHOPIFY_TOKEN_REFUSED',
      message:
        'Shopify refused the client credentials: invalid_client: Client authentication failed',
    });
  });
});
