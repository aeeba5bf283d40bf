/**
 * Protect.js emulation for offline use: `POST /v1/payment_fields/token/create` issues a client
 * key; the served `protect.min.js` stand-in and its iframe turn card entry into a one-time
 * `hpf_token` + `enc_key` pair that only this simulator accepts, on `sale/pt_protect`,
 * `authorization/pt_protect` and `customer/pt_protect_create`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { isValidCardNumber, parseMonth, parseYear, toStoredCard } from './cards.js';
import { charge } from './charges.js';
import { saveCustomer, type SimContext, type SimEnv } from './context.js';
import { errorOf } from './error-codes.js';
import { MISMATCH_CSC } from './outcomes.js';
import { fieldsPage, PROTECT_SCRIPT } from './protect-assets.js';
import { readBody, text, type Body } from './request-body.js';
import { sendErrors, sendJson } from './reply.js';
import { readAddress, type ProtectToken, type TransactionType } from './state.js';

const CLIENT_KEY_LIFETIME_MS = 15 * 60_000;

/** Takes (and burns) the Protect.js token a request names, if it is genuine. */
function takeToken(sim: SimContext, body: Body): ProtectToken | undefined {
  const token = sim.state.protectTokens.get(text(body, 'hpf_token'));
  if (!token || token.encKey !== text(body, 'enc_key')) return undefined;
  sim.state.protectTokens.delete(text(body, 'hpf_token'));
  return token;
}

/** A CSC stand-in for the decision: the result was computed at entry, the CSC is gone. */
function cscFor(token: ProtectToken): string | undefined {
  if (token.csc === 'none') return undefined;
  return token.csc === 'mismatch' ? MISMATCH_CSC : 'checked';
}

/** Protect.js routes: client key, script, iframe, tokenize, and the pt_protect endpoints. */
export function protectRoutes(sim: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>()
    .post('/v1/payment_fields/token/create', (c) => {
      const clientKey = randomBytes(24).toString('base64url');
      sim.state.clientKeys.set(clientKey, sim.now() + CLIENT_KEY_LIFETIME_MS);
      return sendJson(c, 200, { clientKey });
    })
    .get('/protect/js/protect.min.js', (c) =>
      c.body(PROTECT_SCRIPT, 200, { 'content-type': 'application/javascript; charset=utf-8' }),
    )
    .get('/protect/fields', (c) => c.html(fieldsPage(c.req.query('clientKey') ?? '')))
    .post('/protect/tokenize', async (c) => {
      const body = await readBody(c);
      const expiresAt = sim.state.clientKeys.get(text(body, 'clientKey'));
      if (expiresAt === undefined || expiresAt <= sim.now()) {
        return sendJson(c, 401, {
          errors: [{ responseCode: 0, description: 'Invalid client key' }],
        });
      }
      const number = text(body, 'number');
      const month = parseMonth(body.expiration_month);
      const year = parseYear(body.expiration_year);
      const csc = text(body, 'csc');
      const errors = [];
      if (!isValidCardNumber(number)) {
        errors.push({
          responseCode: 35,
          description: 'Please provide a valid Credit Card Number.',
        });
      }
      if (month === undefined || year === undefined) {
        errors.push({ responseCode: 43, description: 'Please provide a valid Expiration Date.' });
      }
      if (csc !== '' && !/^\d{3,4}$/.test(csc)) {
        errors.push({ responseCode: 148, description: 'Please provide a valid CSC.' });
      }
      if (errors.length > 0 || month === undefined || year === undefined) {
        return sendJson(c, 400, { errors });
      }
      const hpfToken = randomBytes(24).toString('base64url');
      const encKey = randomBytes(16).toString('hex');
      sim.state.protectTokens.set(hpfToken, {
        card: toStoredCard(number, month, year),
        encKey,
        csc: csc === '' ? 'none' : csc === MISMATCH_CSC ? 'mismatch' : 'match',
      });
      return sendJson(c, 200, { hpf_token: hpfToken, enc_key: encKey });
    })
    .post('/v1/customer/pt_protect_create', async (c) => {
      const body = await readBody(c);
      const customerId = text(body, 'customer_id');
      if (customerId === '' || sim.state.customers.has(customerId)) {
        return sendErrors(c, sim, errorOf(171));
      }
      const token = takeToken(sim, body);
      if (!token) return sendErrors(c, sim, errorOf(505));
      const billing = readAddress(body.billing_address);
      sim.state.customers.set(customerId, {
        customerId,
        card: token.card,
        billing,
        shipping: readAddress(body.shipping_address),
        email: text(body, 'email'),
        phone: text(body, 'phone'),
        createdAt: sim.now(),
      });
      saveCustomer(sim, customerId);
      return sendJson(c, 200, {
        success: true,
        response_code: 160,
        status_message: `The customer profile for ${customerId}/${billing.name} was successfully created.`,
        customer_id: customerId,
        masked_card_number: token.card.maskedNumber,
      });
    });
  const kinds: [string, TransactionType][] = [
    ['sale', 'SALE'],
    ['authorization', 'AUTHORIZATION'],
  ];
  for (const [path, type] of kinds) {
    app.post(`/v1/transactions/${path}/pt_protect`, async (c) => {
      const body = await readBody(c);
      const token = takeToken(sim, body);
      if (!token) return sendErrors(c, sim, errorOf(505));
      return charge(c, sim, body, {
        type,
        via: 'pt_protect',
        card: token.card,
        csc: cscFor(token),
        customerId: text(body, 'customer_id'),
        cardEntered: true,
      });
    });
  }
  return app;
}
