import { isSafeNumber, parse } from 'lossless-json';
import { ADMIN_TOKEN } from '../support';

/**
 * A call to the admin API of the Shopify simulator served by the runtime at `base` (the test
 * store: place orders, read what the connector wrote). Its ids exceed 2^53, so numbers that do
 * not fit a double are read as text rather than rounded.
 */
export async function sandboxShopify(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  // Each admin route answers its own shape; tests read the fields they check.
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/sandbox/shopify/__admin${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? parse(text, undefined, (v) => (isSafeNumber(v) ? Number(v) : v)) : null;
  return { status: res.status, body: parsed };
}
