import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../test-support.js';

let shop: Awaited<ReturnType<typeof startShop>>;
let orderId: string;
let customerId: string;

const SET = `mutation($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key value type compareDigest ownerType }
    userErrors { field message code elementIndex }
  }
}`;
const READ = `query($id: ID!) { order(id: $id) { metafields(first: 50) { nodes { namespace key value } } } }`;

const entry = (i: number, extra: Record<string, unknown> = {}) => ({
  ownerId: orderId,
  namespace: 'paybridge',
  key: `key_${i}`,
  type: 'single_line_text_field',
  value: `value ${i}`,
  ...extra,
});
const stored = async () => (await shop.gql(READ, { id: orderId })).body.data.order.metafields.nodes;

beforeAll(async () => {
  shop = await startShop();
  const order = shop.sim.handle.createOrder({ line_items: [{ title: 'A', price: '1.00' }] });
  orderId = `gid://shopify/Order/${order.id}`;
  customerId = `gid://shopify/Customer/${shop.sim.handle.createCustomer({ email: 'm@example.com' }).id}`;
});
afterAll(() => shop.close());

describe('metafieldsSet', () => {
  it('sets up to 25 metafields at once', async () => {
    const { body } = await shop.gql(SET, {
      metafields: Array.from({ length: 25 }, (_, i) => entry(i)),
    });
    expect(body.data.metafieldsSet.userErrors).toEqual([]);
    expect(body.data.metafieldsSet.metafields).toHaveLength(25);
    expect(body.data.metafieldsSet.metafields[0]).toMatchObject({
      namespace: 'paybridge',
      key: 'key_0',
      value: 'value 0',
      ownerType: 'ORDER',
    });
    expect(body.extensions.cost.requestedQueryCost).toBe(10);
    expect(await stored()).toHaveLength(25);
  });

  it('refuses 26 with LESS_THAN_OR_EQUAL_TO and writes nothing', async () => {
    const { body } = await shop.gql(SET, {
      metafields: Array.from({ length: 26 }, (_, i) => entry(100 + i)),
    });
    expect(body.data.metafieldsSet).toEqual({
      metafields: null,
      userErrors: [
        {
          field: ['metafields'],
          message: 'Exceeded the maximum metafields input limit of 25.',
          code: 'LESS_THAN_OR_EQUAL_TO',
          elementIndex: null,
        },
      ],
    });
    expect(await stored()).toHaveLength(25);
  });

  it('refuses input arrays above 250 items before execution', async () => {
    const { body } = await shop.gql(SET, {
      metafields: Array.from({ length: 251 }, (_, i) => entry(i)),
    });
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({
      message: 'The input array size of 251 is greater than the maximum allowed of 250.',
      extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' },
    });
  });

  it('is all or nothing: one invalid element and none is written', async () => {
    const { body } = await shop.gql(SET, {
      metafields: [
        entry(200),
        entry(201, { type: 'number_integer', value: 'twelve' }),
        entry(202, { key: 'k' }),
        entry(203, { ownerId: 'gid://shopify/Order/1' }),
        entry(204, { type: 'no_such_type' }),
      ],
    });
    expect(body.data.metafieldsSet.metafields).toBeNull();
    expect(body.data.metafieldsSet.userErrors).toEqual([
      {
        field: ['metafields', '1', 'value'],
        message: 'Value must be an integer.',
        code: 'INVALID_VALUE',
        elementIndex: 1,
      },
      {
        field: ['metafields', '2', 'key'],
        message: 'Key is too short.',
        code: 'TOO_SHORT',
        elementIndex: 2,
      },
      {
        field: ['metafields', '3', 'ownerId'],
        message: 'Owner does not exist.',
        code: 'INVALID',
        elementIndex: 3,
      },
      {
        field: ['metafields', '4', 'type'],
        message: 'Type is invalid.',
        code: 'INVALID_TYPE',
        elementIndex: 4,
      },
    ]);
    expect((await stored()).some((m: { key: string }) => m.key === 'key_200')).toBe(false);
  });

  it('updates in place and checks compareDigest', async () => {
    const first = await shop.gql(SET, { metafields: [entry(0, { value: 'changed' })] });
    const written = first.body.data.metafieldsSet.metafields[0];
    expect(written.value).toBe('changed');
    const stale = await shop.gql(SET, {
      metafields: [entry(0, { value: 'again', compareDigest: 'not-the-digest' })],
    });
    expect(stale.body.data.metafieldsSet.userErrors[0].code).toBe('STALE_OBJECT');
    const fresh = await shop.gql(SET, {
      metafields: [entry(0, { value: 'again', compareDigest: written.compareDigest })],
    });
    expect(fresh.body.data.metafieldsSet.userErrors).toEqual([]);
    const mustBeNew = await shop.gql(SET, { metafields: [entry(0, { compareDigest: null })] });
    expect(mustBeNew.body.data.metafieldsSet.userErrors[0].code).toBe('STALE_OBJECT');
  });

  it('keeps the type of an existing metafield when none is given, and needs one otherwise', async () => {
    const keep = await shop.gql(SET, {
      metafields: [entry(1, { type: undefined, value: 'typed' })],
    });
    expect(keep.body.data.metafieldsSet.metafields[0].type).toBe('single_line_text_field');
    const none = await shop.gql(SET, { metafields: [entry(999, { type: undefined })] });
    expect(none.body.data.metafieldsSet.userErrors[0]).toMatchObject({
      code: 'BLANK',
      field: ['metafields', '0', 'type'],
    });
  });

  it('stores the PayTrace vault id on a customer', async () => {
    const { body } = await shop.gql(SET, {
      metafields: [
        {
          ownerId: customerId,
          namespace: 'paytrace',
          key: 'customer_vault_id',
          type: 'single_line_text_field',
          value: 'cust-77',
        },
      ],
    });
    expect(body.data.metafieldsSet.metafields[0].ownerType).toBe('CUSTOMER');
    const read = await shop.gql(
      'query($id: ID!) { customer(id: $id) { metafield(namespace: "paytrace", key: "customer_vault_id") { value jsonValue } } }',
      { id: customerId },
    );
    expect(read.body.data.customer.metafield).toEqual({ value: 'cust-77', jsonValue: 'cust-77' });
  });

  it('puts metafields without a namespace in the app-reserved one', async () => {
    const { body } = await shop.gql(SET, { metafields: [entry(300, { namespace: undefined })] });
    expect(body.data.metafieldsSet.metafields[0].namespace).toMatch(/^app--\d+$/);
    const read = await shop.gql(
      `query($id: ID!) { order(id: $id) { metafield(key: "key_300") { value } } }`,
      { id: orderId },
    );
    expect(read.body.data.order.metafield.value).toBe('value 300');
  });

  it('checks values against their type', async () => {
    const good = await shop.gql(SET, {
      metafields: [
        entry(400, { type: 'json', value: '{"a":1}' }),
        entry(401, { type: 'boolean', value: 'true' }),
        entry(402, { type: 'number_decimal', value: '12.50' }),
      ],
    });
    expect(good.body.data.metafieldsSet.userErrors).toEqual([]);
    const bad = await shop.gql(SET, { metafields: [entry(403, { type: 'json', value: '{a' })] });
    expect(bad.body.data.metafieldsSet.userErrors[0].code).toBe('INVALID_VALUE');
  });
});
