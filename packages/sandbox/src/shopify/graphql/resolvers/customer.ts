/**
 * `Customer` and `Shop` fields.
 * @module
 */
import { gid } from '../../core/ids.js';
import { fullName } from '../../store/addresses.js';
import { orderPayments } from '../../store/order-math.js';
import type { SimCustomer } from '../../store/records.js';
import type { ShopContext } from '../../context.js';
import { ownerMetafieldResolvers } from './metafield.js';
import { dateTime, moneyV2, type GqlContext, type TypeResolvers } from './shared.js';
import { listOrders } from './order-list.js';

function customerOrders(ctx: GqlContext, customer: SimCustomer) {
  return [...ctx.sim.state.orders.values()].filter((o) => o.customerId === customer.id);
}

/** Resolvers of `Customer`. */
export const customerResolvers: TypeResolvers<SimCustomer> = {
  ...ownerMetafieldResolvers<SimCustomer>(),
  id: (c) => gid('Customer', c.id),
  legacyResourceId: (c) => c.id,
  displayName: (c) => fullName(c.firstName, c.lastName) ?? c.email ?? c.phone ?? '',
  state: (c) => c.state.toUpperCase(),
  createdAt: (c) => dateTime(c.createdAt),
  updatedAt: (c) => dateTime(c.updatedAt),
  addresses: (c, args) => {
    const list = c.defaultAddress ? [c.defaultAddress] : [];
    return typeof args.first === 'number' ? list.slice(0, args.first) : list;
  },
  numberOfOrders: (c, _a, ctx) => String(customerOrders(ctx, c).length),
  amountSpent: (c, _a, ctx) => {
    const spent = customerOrders(ctx, c)
      .filter((o) => o.currency === c.currency)
      .reduce((s, o) => {
        const p = orderPayments(ctx.sim.state, o);
        return s + p.received - p.refunded;
      }, 0);
    return moneyV2(ctx, spent, c.currency);
  },
  orders: (c, args, ctx) => listOrders(ctx, customerOrders(ctx, c), args, 'orders'),
};

/** An IANA zone with a fixed offset (`Etc/GMT+5` is UTC−5), or `UTC` for other offsets. */
function fixedZone(offsetMinutes: number): string {
  if (offsetMinutes === 0 || offsetMinutes % 60 !== 0) return 'Etc/UTC';
  const hours = Math.abs(offsetMinutes / 60);
  return `Etc/GMT${offsetMinutes < 0 ? '+' : '-'}${hours}`;
}

/** The `shop` value. */
export function shopValue(sim: ShopContext) {
  const plan = sim.settings.plan;
  const names = {
    standard: 'Shopify',
    advanced: 'Advanced',
    plus: 'Shopify Plus',
    enterprise: 'Enterprise',
  };
  return {
    resource: 'Shop',
    id: gid('Shop', '1'),
    name: sim.credentials.shopDomain.replace(/\.myshopify\.com$/, ''),
    email: `owner@${sim.credentials.shopDomain}`,
    myshopifyDomain: sim.credentials.shopDomain,
    currencyCode: sim.settings.shopCurrency,
    ianaTimezone: fixedZone(sim.settings.utcOffsetMinutes),
    plan: {
      displayName: names[plan],
      publicDisplayName: names[plan],
      partnerDevelopment: false,
      shopifyPlus: plan === 'plus' || plan === 'enterprise',
    },
  };
}
