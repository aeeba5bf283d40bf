/**
 * The cheapest question the Admin API answers, for testing a connection.
 *
 * @module
 */
import { z } from 'zod';
import { defineQuery } from '../client/operation';

/** `shop { name }`: one point. */
export const shopName = defineQuery({
  name: 'ShopName',
  document: 'query ShopName { shop { name } }',
  variables: z.object({}),
  data: z.object({ shop: z.object({ name: z.string() }) }),
  cost: () => 1,
});
