/**
 * Reading an order's lines from admin input: line items with unit prices, shipping lines,
 * discount codes (fixed or percentage, allocated over the lines so shares add up), and tax
 * lines (explicit amounts, or rates applied to the discounted line value, inclusive or not).
 * All arithmetic is on integer minor units.
 * @module
 */
import type { ShopContext } from '../context.js';
import { allocate, applyRate, includedTax, parseRate } from '../core/money.js';
import { booleanAt, countAt, moneyAt, objectsAt, stringAt, type Json } from './input.js';
import type { SimDiscountCode, SimLineItem, SimShippingLine, SimTaxLine } from './records.js';

type Errors = Record<string, string[]>;

function readTaxLines(
  given: Json[],
  fallback: Json[],
  base: number,
  currency: string,
  inclusive: boolean,
  errors: Errors,
  field: string,
): SimTaxLine[] {
  const source = given.length > 0 ? given : fallback;
  return source.map((tax, i) => {
    const rateText = stringAt(tax, 'rate') ?? '0';
    const rate = parseRate(rateText);
    if (!rate) (errors[`${field}.tax_lines.${i}.rate`] ??= []).push('is invalid');
    const explicit = moneyAt(tax, 'price', currency, errors, `${field}.tax_lines.${i}.price`);
    const computed = rate ? (inclusive ? includedTax(base, rate) : applyRate(base, rate)) : 0;
    return {
      title: stringAt(tax, 'title') ?? 'Tax',
      rate: rateText,
      priceMinor: explicit ?? computed,
    };
  });
}

/** The lines of a new order, all amounts in minor units. */
export interface OrderLines {
  lineItems: SimLineItem[];
  shippingLines: SimShippingLine[];
  discountCodes: SimDiscountCode[];
}

/**
 * Reads `line_items`, `shipping_lines` (or `shipping: {title, price}`), `discount_codes` and
 * `tax_lines` (order-level rates applied to taxable lines and shipping without their own).
 */
export function readOrderLines(
  sim: ShopContext,
  input: Json,
  currency: string,
  inclusive: boolean,
  errors: Errors,
): OrderLines {
  const orderTax = objectsAt(input, 'tax_lines');
  const items = objectsAt(input, 'line_items');
  if (items.length === 0) errors.line_items = ["can't be blank"];
  const lineItems: SimLineItem[] = items.map((item, i) => ({
    resource: 'LineItem',
    id: sim.state.ids.take(),
    title: stringAt(item, 'title') ?? stringAt(item, 'name') ?? `Item ${i + 1}`,
    variantTitle: stringAt(item, 'variant_title'),
    sku: stringAt(item, 'sku'),
    vendor: stringAt(item, 'vendor'),
    productId: stringAt(item, 'product_id'),
    variantId: stringAt(item, 'variant_id'),
    quantity: countAt(item, 'quantity', 1),
    priceMinor: moneyAt(item, 'price', currency, errors, `line_items.${i}.price`) ?? 0,
    discountMinor: 0,
    taxable: booleanAt(item, 'taxable', true),
    requiresShipping: booleanAt(item, 'requires_shipping', true),
    grams: countAt(item, 'grams', 0),
    taxLines: [],
  }));
  const gross = lineItems.map((l) => l.priceMinor * l.quantity);
  const discountCodes = readDiscounts(input, gross, currency, errors);
  const shares = allocate(
    discountCodes.reduce((s, d) => s + d.amountMinor, 0),
    gross,
  );
  lineItems.forEach((line, i) => {
    line.discountMinor = Math.min(shares[i] ?? 0, gross[i] ?? 0);
    const base = (gross[i] ?? 0) - line.discountMinor;
    const own = objectsAt(items[i] ?? {}, 'tax_lines');
    line.taxLines = line.taxable
      ? readTaxLines(own, orderTax, base, currency, inclusive, errors, `line_items.${i}`)
      : [];
  });
  return {
    lineItems,
    shippingLines: readShipping(sim, input, currency, inclusive, errors),
    discountCodes,
  };
}

function readDiscounts(input: Json, gross: number[], currency: string, errors: Errors) {
  const subtotal = gross.reduce((a, b) => a + b, 0);
  return objectsAt(input, 'discount_codes').map((code, i): SimDiscountCode => {
    const type = stringAt(code, 'type') === 'percentage' ? 'percentage' : 'fixed_amount';
    let amountMinor = 0;
    if (type === 'percentage') {
      const rate = parseRate(stringAt(code, 'amount') ?? '');
      if (!rate) (errors[`discount_codes.${i}.amount`] ??= []).push('is invalid');
      else amountMinor = applyRate(subtotal, { ...rate, denominator: rate.denominator * 100n });
    } else {
      amountMinor = moneyAt(code, 'amount', currency, errors, `discount_codes.${i}.amount`) ?? 0;
    }
    return {
      code: stringAt(code, 'code') ?? `DISCOUNT${i + 1}`,
      amountMinor: Math.min(amountMinor, subtotal),
      type,
    };
  });
}

function readShipping(
  sim: ShopContext,
  input: Json,
  currency: string,
  inclusive: boolean,
  errors: Errors,
): SimShippingLine[] {
  const single = input.shipping;
  const lines =
    typeof single === 'object' && single !== null && !Array.isArray(single)
      ? [single as Json]
      : objectsAt(input, 'shipping_lines');
  return lines.map((line, i) => {
    const priceMinor = moneyAt(line, 'price', currency, errors, `shipping_lines.${i}.price`) ?? 0;
    const own = objectsAt(line, 'tax_lines');
    const taxable = booleanAt(line, 'taxable', own.length > 0);
    return {
      resource: 'ShippingLine',
      id: sim.state.ids.take(),
      title: stringAt(line, 'title') ?? 'Standard Shipping',
      code: stringAt(line, 'code') ?? stringAt(line, 'title') ?? 'Standard',
      source: stringAt(line, 'source') ?? 'shopify',
      priceMinor,
      taxLines: taxable
        ? readTaxLines(
            own,
            objectsAt(input, 'tax_lines'),
            priceMinor,
            currency,
            inclusive,
            errors,
            `shipping_lines.${i}`,
          )
        : [],
    };
  });
}
