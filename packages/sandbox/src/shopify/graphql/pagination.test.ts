import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../test-support.js';

let now = Date.UTC(2025, 5, 1, 12, 0, 0);
let shop: Awaited<ReturnType<typeof startShop>>;

const PAGE = `query Orders($first: Int, $last: Int, $after: String, $before: String, $q: String, $reverse: Boolean) {
  orders(first: $first, last: $last, after: $after, before: $before, query: $q, sortKey: UPDATED_AT, reverse: $reverse) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id } }
    nodes { id name updatedAt }
  }
}`;

beforeAll(async () => {
  shop = await startShop({ clock: () => now, settings: { plan: 'plus' } });
  for (let i = 0; i < 600; i++) {
    shop.sim.handle.createOrder({ line_items: [{ title: 'Item', price: '1.00' }] });
    now += 1000;
  }
});
afterAll(() => shop.close());

describe('orders pagination', () => {
  it('pages through more than 250 orders with first/after, each once, in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body } = await shop.gql(PAGE, { first: 250, after });
      expect(body.errors).toBeUndefined();
      const page = body.data.orders;
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
        page.nodes.map((n: { id: string }) => n.id),
      );
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(600);
    expect(new Set(seen).size).toBe(600);
    const names = [...shop.sim.handle.state.orders.values()].map(
      (o) => `gid://shopify/Order/${o.id}`,
    );
    expect(seen).toEqual(names);
  });

  it('pages backwards with last/before and reverses', async () => {
    const first = await shop.gql(PAGE, { last: 2 });
    expect(first.body.data.orders.nodes.map((n: { name: string }) => n.name)).toEqual([
      '#1599',
      '#1600',
    ]);
    expect(first.body.data.orders.pageInfo).toMatchObject({
      hasPreviousPage: true,
      hasNextPage: false,
    });
    const before = await shop.gql(PAGE, {
      last: 2,
      before: first.body.data.orders.pageInfo.startCursor,
    });
    expect(before.body.data.orders.nodes.map((n: { name: string }) => n.name)).toEqual([
      '#1597',
      '#1598',
    ]);
    const reversed = await shop.gql(PAGE, { first: 1, reverse: true });
    expect(reversed.body.data.orders.nodes[0].name).toBe('#1600');
  });

  it('refuses more than 250 per page and a connection without first or last', async () => {
    const big = await shop.gql(PAGE, { first: 251 });
    expect(big.status).toBe(200);
    expect(big.body.data).toBeNull();
    expect(big.body.errors[0].message).toContain('250');
    const none = await shop.gql(PAGE, {});
    expect(none.body.errors[0].message).toBe('you must provide one of first or last');
  });

  it('refuses a cursor it did not issue', async () => {
    const { body } = await shop.gql(PAGE, { first: 1, after: 'bm90IGEgY3Vyc29y' });
    expect(body.errors[0].message).toBe('Invalid cursor for current pagination sort.');
  });
});

describe('updated_at filter', () => {
  it("keeps orders updated after the given time (query syntax updated_at:>'…')", async () => {
    const orders = [...shop.sim.handle.state.orders.values()];
    const pivot = orders[589]!;
    const since = new Date(pivot.updatedAt).toISOString().replace('.000Z', 'Z');
    const { body } = await shop.gql(PAGE, { first: 50, q: `updated_at:>'${since}'` });
    expect(body.data.orders.nodes.map((n: { name: string }) => n.name)).toEqual(
      orders.slice(590).map((o) => o.name),
    );
    const inclusive = await shop.gql(PAGE, { first: 50, q: `updated_at:>=${since}` });
    expect(inclusive.body.data.orders.nodes).toHaveLength(11);
  });

  it('sees an order again once a later change moves its updated_at', async () => {
    const oldest = [...shop.sim.handle.state.orders.values()][0]!;
    const since = new Date(now).toISOString();
    now += 5000;
    await shop.gql(
      'mutation($id: ID!) { tagsAdd(id: $id, tags: ["synced"]) { userErrors { message } } }',
      {
        id: `gid://shopify/Order/${oldest.id}`,
      },
    );
    const { body } = await shop.gql(PAGE, { first: 10, q: `updated_at:>'${since}'` });
    expect(body.data.orders.nodes.map((n: { name: string }) => n.name)).toEqual([oldest.name]);
  });

  it('compares at whole seconds, as Shopify stores them', async () => {
    const last = [...shop.sim.handle.state.orders.values()].at(-1)!;
    const sameSecond = new Date(last.updatedAt + 500).toISOString();
    const { body } = await shop.gql(PAGE, {
      first: 5,
      q: `updated_at:>'${sameSecond}' name:${last.name}`,
    });
    expect(body.data.orders.nodes).toEqual([]);
  });

  it('ignores unknown fields and bad dates with warnings in extensions.search', async () => {
    const { body } = await shop.gql(PAGE, { first: 1, q: "colour:red updated_at:>'soon'" });
    expect(body.data.orders.nodes).toHaveLength(1);
    expect(body.extensions.search[0]).toMatchObject({
      path: ['orders'],
      warnings: [
        { field: 'colour', message: 'Invalid search field for this query.' },
        { field: 'updated_at', message: 'Invalid timestamp for query filter `updated_at`.' },
      ],
    });
  });

  it('filters by financial status, tag and name', async () => {
    const tagged = await shop.gql(PAGE, { first: 5, q: 'tag:synced financial_status:pending' });
    expect(tagged.body.data.orders.nodes).toHaveLength(1);
    const named = await shop.gql(PAGE, { first: 5, q: 'name:#1002 OR name:#1003' });
    expect(named.body.data.orders.nodes.map((n: { name: string }) => n.name).sort()).toEqual([
      '#1002',
      '#1003',
    ]);
  });
});
