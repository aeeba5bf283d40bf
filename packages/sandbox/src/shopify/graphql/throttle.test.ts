import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startShop } from '../test-support.js';

let now = Date.UTC(2025, 0, 1);
let shop: Awaited<ReturnType<typeof startShop>>;

const MUTATION = `mutation($id: ID!) { tagsAdd(id: $id, tags: ["t"]) { userErrors { message } } }`;
let orderGid: string;

beforeAll(async () => {
  shop = await startShop({ clock: () => now });
  const order = shop.sim.handle.createOrder({ line_items: [{ title: 'A', price: '1.00' }] });
  orderGid = `gid://shopify/Order/${order.id}`;
});
beforeEach(() => {
  shop.sim.handle.settings.bucket = null;
  shop.sim.handle.settings.plan = 'standard';
  shop.sim.handle.state.bucket = null;
});
afterAll(() => shop.close());

describe('calculated query cost', () => {
  const cost = async (query: string) => (await shop.gql(query)).body.extensions.cost;

  it('charges objects 1, scalars 0, connections 2 + first × node', async () => {
    expect((await cost('{ shop { name currencyCode } }')).requestedQueryCost).toBe(1);
    expect((await cost('{ orders(first: 250) { nodes { id } } }')).requestedQueryCost).toBe(252);
    expect(
      (
        await cost(
          '{ orders(first: 10) { edges { node { id lineItems(first: 5) { nodes { id } } } } } }',
        )
      ).requestedQueryCost,
    ).toBe(82);
    expect(
      (
        await cost(
          `{ order(id: "${orderGid}") { transactions { amountSet { shopMoney { amount } } } } }`,
        )
      ).requestedQueryCost,
    ).toBe(4);
  });

  it('reports the actual cost from what came back and refunds the difference', async () => {
    const answer = await cost('{ orders(first: 250) { nodes { id } } }');
    expect(answer).toEqual({
      requestedQueryCost: 252,
      actualQueryCost: 3,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1997, restoreRate: 100 },
    });
  });

  it('charges 10 per mutation', async () => {
    const { body } = await shop.gql(MUTATION, { id: orderGid });
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });
  });

  it('refuses a query above 1000 points with MAX_COST_EXCEEDED', async () => {
    const { status, body } = await shop.gql(
      '{ orders(first: 250) { nodes { lineItems(first: 50) { nodes { id } } } } }',
    );
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(
      /^Query cost is 13252, which exceeds the single query max cost limit \(1000\)\./,
    );
    expect(body.errors[0].extensions).toMatchObject({
      code: 'MAX_COST_EXCEEDED',
      cost: 13252,
      maxCost: 1000,
    });
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 13252,
      actualQueryCost: null,
    });
  });

  it("uses each plan's bucket", async () => {
    shop.sim.handle.settings.plan = 'plus';
    expect((await cost('{ shop { name } }')).throttleStatus).toEqual({
      maximumAvailable: 20000,
      currentlyAvailable: 19999,
      restoreRate: 1000,
    });
  });
});

describe('throttling', () => {
  it('drains the bucket, answers THROTTLED at HTTP 200, and restores over the clock', async () => {
    shop.sim.handle.settings.bucket = { maximumAvailable: 50, restoreRate: 10 };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await shop.gql(MUTATION, { id: orderGid });
      statuses.push(body.extensions.cost.throttleStatus.currentlyAvailable);
    }
    expect(statuses).toEqual([40, 30, 20, 10, 0]);
    const throttled = await shop.gql(MUTATION, { id: orderGid });
    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({
      errors: [
        {
          message: 'Throttled',
          extensions: {
            code: 'THROTTLED',
            documentation: 'https://shopify.dev/api/usage/rate-limits',
          },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 10,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 50, currentlyAvailable: 0, restoreRate: 10 },
        },
      },
    });
    now += 500;
    expect((await shop.gql(MUTATION, { id: orderGid })).body.errors?.[0].extensions.code).toBe(
      'THROTTLED',
    );
    now += 500;
    const restored = await shop.gql(MUTATION, { id: orderGid });
    expect(restored.body.errors).toBeUndefined();
    expect(restored.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(0);
    now += 60_000;
    const full = await shop.gql('{ shop { name } }');
    expect(full.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(49);
  });

  it('throttles a query that costs more than what is left even when the bucket is not empty', async () => {
    shop.sim.handle.settings.bucket = { maximumAvailable: 100, restoreRate: 10 };
    const { body } = await shop.gql('{ orders(first: 200) { nodes { id } } }');
    expect(body.errors[0].extensions.code).toBe('THROTTLED');
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(100);
  });
});
