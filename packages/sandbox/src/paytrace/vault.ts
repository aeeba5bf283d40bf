/**
 * Customer vault: create (keyed card), create_from_transaction, update, delete and export. Profiles
 * keep only the masked card, last four and expiry. Duplicate ids answer 171, unknown ids 30.
 * @module
 */
import { Hono } from 'hono';
import { saveCustomer, type SimContext, type SimEnv } from './context.js';
import { errorOf } from './error-codes.js';
import { hasKeyedCard, readKeyedCard } from './keyed-card.js';
import { readBody, text, transactionId, type Body } from './request-body.js';
import { sendErrors, sendJson, type JsonBody } from './reply.js';
import { readAddress, type SimCustomer } from './state.js';

function exportRecord(customer: SimCustomer): JsonBody {
  return {
    customer_id: customer.customerId,
    credit_card: {
      masked_number: customer.card.maskedNumber,
      expiration_month: customer.card.expirationMonth,
      expiration_year: customer.card.expirationYear,
    },
    billing_address: { ...customer.billing },
    shipping_address: { ...customer.shipping },
    email: customer.email,
    phone: customer.phone,
  };
}

function created(customer: SimCustomer): JsonBody {
  return {
    success: true,
    response_code: 160,
    status_message: `The customer profile for ${customer.customerId}/${customer.billing.name} was successfully created.`,
    customer_id: customer.customerId,
    masked_card_number: customer.card.maskedNumber,
  };
}

function isObject(body: Body, key: string): boolean {
  return typeof body[key] === 'object' && body[key] !== null;
}

/** Routes under `/v1/customer`. */
export function vaultRoutes(sim: SimContext): Hono<SimEnv> {
  const customers = () => sim.state.customers;
  return new Hono<SimEnv>()
    .post('/v1/customer/create', async (c) => {
      const body = await readBody(c);
      const customerId = text(body, 'customer_id');
      const keyed = await readKeyedCard(sim, body);
      if (keyed.errors) return sendErrors(c, sim, keyed.errors);
      if (customerId === '' || customers().has(customerId)) {
        return sendJson(c, sim.settings.errorStatus, {
          success: false,
          response_code: 1,
          status_message: 'One or more errors has occurred.',
          errors: errorOf(171),
          masked_card_number: keyed.card.maskedNumber,
        });
      }
      const customer: SimCustomer = {
        customerId,
        card: keyed.card,
        billing: readAddress(body.billing_address),
        shipping: readAddress(body.shipping_address),
        email: text(body, 'email'),
        phone: text(body, 'phone'),
        createdAt: sim.now(),
      };
      customers().set(customerId, customer);
      saveCustomer(sim, customerId);
      return sendJson(c, 200, created(customer));
    })
    .post('/v1/customer/create_from_transaction', async (c) => {
      const body = await readBody(c);
      const customerId = text(body, 'customer_id');
      const id = transactionId(body);
      if (id === undefined) return sendErrors(c, sim, errorOf(58));
      const tx = sim.state.transactions.get(id);
      if (!tx) return sendErrors(c, sim, errorOf(811));
      if (customerId === '' || customers().has(customerId)) {
        return sendErrors(c, sim, errorOf(171));
      }
      const customer: SimCustomer = {
        customerId,
        card: tx.card,
        billing: isObject(body, 'billing_address') ? readAddress(body.billing_address) : tx.billing,
        shipping: tx.shipping,
        email: text(body, 'email') || tx.email,
        phone: text(body, 'phone'),
        createdAt: sim.now(),
      };
      customers().set(customerId, customer);
      saveCustomer(sim, customerId);
      return sendJson(c, 200, created(customer));
    })
    .post('/v1/customer/update', async (c) => {
      const body = await readBody(c);
      const customerId = text(body, 'customer_id');
      const customer = customers().get(customerId);
      if (!customer) return sendErrors(c, sim, errorOf(30, customerId));
      if (hasKeyedCard(body)) {
        const keyed = await readKeyedCard(sim, body);
        if (keyed.errors) return sendErrors(c, sim, keyed.errors);
        customer.card = keyed.card;
      }
      if (isObject(body, 'billing_address')) customer.billing = readAddress(body.billing_address);
      if (isObject(body, 'shipping_address'))
        customer.shipping = readAddress(body.shipping_address);
      if (typeof body.email === 'string') customer.email = body.email;
      if (typeof body.phone === 'string') customer.phone = body.phone;
      saveCustomer(sim, customerId);
      return sendJson(c, 200, {
        success: true,
        response_code: 161,
        status_message: `The customer profile for ${customerId}/${customer.billing.name} was successfully updated.`,
        customer_id: customerId,
        masked_card_number: customer.card.maskedNumber,
      });
    })
    .post('/v1/customer/delete', async (c) => {
      const body = await readBody(c);
      const customerId = text(body, 'customer_id');
      const customer = customers().get(customerId);
      if (!customer) return sendErrors(c, sim, errorOf(30, customerId));
      customers().delete(customerId);
      saveCustomer(sim, customerId);
      return sendJson(c, 200, {
        success: true,
        response_code: 162,
        status_message: `The customer profile for ${customerId}/${customer.billing.name} was successfully deleted.`,
        customer_id: customerId,
      });
    })
    .post('/v1/customer/export', async (c) => {
      const body = await readBody(c);
      const customerId = text(body, 'customer_id');
      const list = [...customers().values()].filter(
        (customer) => customerId === '' || customer.customerId === customerId,
      );
      return sendJson(c, 200, {
        success: true,
        response_code: 1,
        status_message: 'Your request has been successfully completed.',
        customers: list.map(exportRecord),
      });
    });
}
