/**
 * The synthetic order stream `fraud:eval` trains and evaluates on. See README.md in this package
 * for the scenarios and their shares. Deterministic: the same options give the same stream.
 *
 * @module
 */
import type { FraudLineItem, FraudOrder, PaymentCheck } from '../order';
import type { PastEvent } from '../history';
import { Random } from './random';
import {
  addressIn,
  ipIn,
  AVS,
  COMPANY_DOMAINS,
  CSC,
  DISPOSABLE_DOMAINS,
  FIRST,
  FRAUD_IP_COUNTRIES,
  FREE_DOMAINS,
  GIFT_CARD,
  HOME_COUNTRIES,
  LAST,
  PRODUCTS,
  RESHIPPERS,
  SAMPLE,
  USER_AGENTS,
  type Address,
} from './world';

export type Scenario =
  | 'legitimate'
  | 'card_testing'
  | 'stolen_card'
  | 'account_takeover'
  | 'reshipper'
  | 'friendly_fraud';

/** A payment attempt with its truth. Declined attempts feed velocity but are never scored. */
export interface GeneratedEvent extends PastEvent {
  scenario: Scenario;
  fraud: boolean;
}

export interface GeneratorOptions {
  seed: number;
  days: number;
  /** Legitimate orders per day on average. */
  ordersPerDay: number;
  start: string;
}

export const DEFAULT_OPTIONS: GeneratorOptions = {
  seed: 17,
  days: 120,
  ordersPerDay: 250,
  start: '2026-01-01T00:00:00Z',
};

/**
 * Expected fraud episodes per day for each scenario. Card testing counts bursts (each 15-40
 * attempts; see {@link CARD_TESTING_VALIDATED_SHARE}); the others count orders. README.md states
 * the resulting shares.
 */
export const SCENARIO_RATES = {
  card_testing: 0.1,
  stolen_card: 2,
  account_takeover: 1,
  reshipper: 1.2,
  friendly_fraud: 1,
} as const;

/**
 * The share of card-testing bursts made with validated cards: about 95 % approved, AVS and CSC
 * matching (half of them one card throughout, through rotating proxy IPs). The other
 * bursts probe raw card numbers: about 45 % approved, AVS and CSC mostly
 * failing.
 */
export const CARD_TESTING_VALIDATED_SHARE = 0.5;

/** The share of legitimate orders followed by a second one from the same shopper within the hour. */
export const LEGIT_FOLLOW_UP_SHARE = 0.04;

interface Customer {
  id: number;
  createdAt: number;
  email: string;
  country: string;
  billing: Address;
  shipping: Address;
  ip: string;
  userAgent: string;
  cards: string[];
  vaultId: string;
  /** Orders so far (approved), for account takeover picking established accounts. */
  orders: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Store local hours (America/New_York, UTC-5 in winter) weighted like a day of shopping. */
function daytime(random: Random, dayStart: number, nightShare: number): number {
  const localHour = random.chance(nightShare) ? random.int(0, 5) : random.int(7, 23);
  return dayStart + (localHour + 5) * HOUR + random.int(0, HOUR - 1);
}

function money(minor: number): string {
  return (minor / 100).toFixed(2);
}

function maskedCard(random: Random): string {
  return `${random.pick(['4', '5', '3'])}xxxxxxxxxxx${String(random.int(0, 9999)).padStart(4, '0')}`;
}

export function generateEvents(options: GeneratorOptions = DEFAULT_OPTIONS): GeneratedEvent[] {
  const random = new Random(options.seed);
  const start = new Date(options.start).getTime();
  const customers: Customer[] = [];
  const events: GeneratedEvent[] = [];
  let orderId = 1000;
  let customerId = 1;

  const emailFor = (first: string, last: string, style: 'legit' | 'fraud'): string => {
    if (style === 'fraud') {
      const domain = random.chance(0.3)
        ? random.pick(DISPOSABLE_DOMAINS)
        : random.pick(FREE_DOMAINS);
      return `${first}${last}${random.int(100, 99999)}@${domain}`;
    }
    const domain = random.chance(0.3) ? random.pick(COMPANY_DOMAINS) : random.pick(FREE_DOMAINS);
    const suffix = random.chance(0.25) ? String(random.int(60, 2005)) : '';
    return `${first}.${last}${suffix}@${domain}`;
  };

  const newCustomer = (at: number): Customer => {
    const country = random.weighted(HOME_COUNTRIES);
    const billing = addressIn(random, country);
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    const c: Customer = {
      id: customerId++,
      createdAt: at,
      email: emailFor(first, last, 'legit'),
      country,
      billing,
      shipping: random.chance(0.85) ? billing : addressIn(random, country),
      ip: ipIn(random, country),
      userAgent: random.pick(USER_AGENTS),
      cards: [maskedCard(random)],
      vaultId: `V${customerId}`,
      orders: 0,
    };
    if (random.chance(0.2)) c.cards.push(maskedCard(random));
    customers.push(c);
    return c;
  };

  const lineItems = (kind: 'normal' | 'resale' | 'sample' | 'gift'): FraudLineItem[] => {
    if (kind === 'sample') return [{ sku: SAMPLE.sku, quantity: 1, price: money(SAMPLE.price) }];
    if (kind === 'gift')
      return [
        {
          sku: GIFT_CARD.sku,
          quantity: random.int(1, 5),
          price: money(GIFT_CARD.price),
          gift_card: true,
        },
      ];
    const pool = kind === 'resale' ? PRODUCTS.filter((p) => p.resale) : PRODUCTS;
    const items: FraudLineItem[] = [];
    for (let i = random.int(1, kind === 'resale' ? 1 : 3); i > 0; i--) {
      const p = random.pick(pool);
      const quantity = kind === 'resale' ? random.int(3, 10) : random.chance(0.85) ? 1 : 2;
      items.push({ sku: p.sku, quantity, price: money(p.price) });
    }
    return items;
  };

  const push = (
    scenario: Scenario,
    at: number,
    parts: {
      email: string;
      ip: string | null;
      userAgent: string;
      billing: Address;
      shipping: Address;
      items: FraudLineItem[];
      express: boolean;
      customer: Customer | null;
      check: PaymentCheck;
      approved?: boolean;
    },
  ) => {
    const total = parts.items.reduce(
      (s, l) => s + Math.round(Number(l.price) * 100) * l.quantity,
      0,
    );
    const order: FraudOrder = {
      id: orderId++,
      created_at: new Date(at).toISOString(),
      email: parts.email,
      browser_ip: parts.ip,
      total_price: money(total + (parts.express ? 2500 : 800)),
      currency: 'USD',
      billing_address: parts.billing,
      shipping_address: parts.shipping,
      line_items: parts.items,
      shipping_lines: [{ title: parts.express ? 'Express overnight' : 'Standard', code: null }],
      client_details: { browser_ip: parts.ip, user_agent: parts.userAgent },
      customer: parts.customer
        ? { id: parts.customer.id, created_at: new Date(parts.customer.createdAt).toISOString() }
        : { id: customerId++, created_at: new Date(at).toISOString() },
    };
    const approved = parts.approved ?? true;
    const fraud = scenario !== 'legitimate';
    events.push({
      order,
      check: parts.check,
      approved,
      scenario,
      fraud: fraud && approved,
      refunded: !fraud && random.chance(0.04),
      chargebackAt:
        fraud && approved ? new Date(at + random.int(30, 90) * DAY).toISOString() : null,
    });
    if (approved && parts.customer) parts.customer.orders += 1;
  };

  const legitCheck = (c: Customer, card: string): PaymentCheck => ({
    avs_response:
      c.country !== 'US'
        ? random.weighted({ nonUs: 60, full: 25, unavailable: 15 }) === 'full'
          ? AVS.full
          : random.chance(0.8)
            ? AVS.nonUs
            : AVS.unavailable
        : AVS[random.weighted({ full: 86, address: 3, zip: 4, none: 3, unavailable: 4 })],
    csc_response: CSC[random.weighted({ match: 94, notProcessed: 4, noMatch: 2 })],
    masked_card: card,
    customer_id: c.vaultId,
  });

  // A few hundred customers exist before the period starts, so there are returning customers
  // from day one.
  for (let i = 0; i < 1500; i++) newCustomer(start - random.int(30, 720) * DAY);

  for (let day = 0; day < options.days; day++) {
    const dayStart = start + day * DAY;
    // Weekly rhythm plus noise: volume moves, the fraud rate does not follow it.
    const weekday = new Date(dayStart).getUTCDay();
    const volume = Math.round(
      options.ordersPerDay *
        (weekday === 0 || weekday === 6 ? 1.2 : 0.93) *
        (0.85 + 0.3 * random.next()),
    );
    for (let i = 0; i < volume; i++) {
      const at = daytime(random, dayStart, 0.05);
      const c =
        random.chance(0.35) || customers.length === 0
          ? newCustomer(at)
          : customers[Math.floor(customers.length * Math.pow(random.next(), 0.6))]!;
      const travelling = random.chance(0.05);
      const giftToOther = random.chance(0.08);
      const card = random.pick(c.cards);
      const kind = random.weighted({ normal: 91, resale: 1, gift: 3, sample: 5 });
      push('legitimate', at, {
        email: c.email,
        ip: travelling ? ipIn(random, random.pick(['GB', 'DE', 'BR', 'CN'])) : c.ip,
        userAgent: c.userAgent,
        billing: c.billing,
        shipping: giftToOther
          ? addressIn(random, random.chance(0.2) ? 'GB' : c.country)
          : c.shipping,
        items: lineItems(kind),
        express: random.chance(0.1),
        customer: c,
        check: legitCheck(c, card),
      });
      // A forgotten item: the same shopper orders again minutes later, same IP and card.
      if (random.chance(LEGIT_FOLLOW_UP_SHARE))
        push('legitimate', at + random.int(3, 50) * 60_000, {
          email: c.email,
          ip: c.ip,
          userAgent: c.userAgent,
          billing: c.billing,
          shipping: c.shipping,
          items: lineItems(random.chance(0.5) ? 'sample' : 'normal'),
          express: false,
          customer: c,
          check: legitCheck(c, card),
        });
    }

    // Card testing: one IP, one device, many cards and emails in minutes, small amounts. Half
    // the bursts probe cards bought with their full details, under plausible names: the gateway
    // approves nearly all of them with matching AVS and CSC, so only the velocity from the IP
    // (and the device) gives them away, not declines. Half of those run one card again and again
    // (what it buys before it is blocked) through rotating proxy IPs: then the card's velocity
    // does.
    if (random.chance(SCENARIO_RATES.card_testing)) {
      let at = daytime(random, dayStart, 0.4);
      const ip = ipIn(random, random.pick([...FRAUD_IP_COUNTRIES, 'US']));
      const ua = random.pick(USER_AGENTS);
      const validated = random.chance(CARD_TESTING_VALIDATED_SHARE);
      const oneCard = validated && random.chance(0.5) ? maskedCard(random) : null;
      const proxies = oneCard !== null;
      for (let i = random.int(15, 40); i > 0; i--) {
        at += random.int(20, 120) * 1000;
        const billing = addressIn(random, 'US');
        const approved = random.chance(validated ? 0.95 : 0.45);
        push('card_testing', at, {
          email: emailFor(random.pick(FIRST), random.pick(LAST), validated ? 'legit' : 'fraud'),
          ip: proxies ? ipIn(random, 'US') : ip,
          userAgent: ua,
          billing,
          shipping: billing,
          items: lineItems('sample'),
          express: false,
          customer: null,
          check: {
            avs_response: validated
              ? AVS[random.weighted({ full: 70, zip: 20, unavailable: 10 })]
              : AVS[random.weighted({ none: 45, zip: 15, unavailable: 25, full: 15 })],
            csc_response: validated
              ? CSC[random.weighted({ match: 90, notProcessed: 10 })]
              : CSC[random.weighted({ noMatch: 40, match: 45, notProcessed: 15 })],
            masked_card: oneCard ?? maskedCard(random),
            customer_id: null,
          },
          approved,
        });
      }
    }

    const count = (rate: number) => {
      let k = 0;
      for (let i = 0; i < 3 * Math.ceil(rate); i++)
        if (random.chance(rate / (3 * Math.ceil(rate)))) k++;
      return k;
    };

    // Stolen card details: a real US cardholder's billing address, shipped elsewhere, from abroad.
    for (let i = count(SCENARIO_RATES.stolen_card); i > 0; i--) {
      const at = daytime(random, dayStart, 0.3);
      const billing = addressIn(random, 'US');
      const abroad = random.chance(0.65);
      push('stolen_card', at, {
        email: emailFor(random.pick(FIRST), random.pick(LAST), 'fraud'),
        ip: abroad ? ipIn(random, random.pick(FRAUD_IP_COUNTRIES)) : ipIn(random, 'US'),
        userAgent: random.pick(USER_AGENTS),
        billing,
        shipping: random.chance(0.3)
          ? addressIn(random, random.pick(['GB', 'DE', 'CA']))
          : addressIn(random, 'US'),
        items: lineItems(random.chance(0.25) ? 'gift' : random.chance(0.5) ? 'resale' : 'normal'),
        express: random.chance(0.45),
        customer: null,
        check: {
          avs_response: AVS[random.weighted({ none: 35, zip: 25, full: 30, unavailable: 10 })],
          csc_response: CSC[random.weighted({ match: 70, noMatch: 15, notProcessed: 15 })],
          masked_card: maskedCard(random),
          customer_id: null,
        },
      });
    }

    // Account takeover: an established customer's account, their vaulted card, a new address.
    for (let i = count(SCENARIO_RATES.account_takeover); i > 0; i--) {
      const candidates = customers.filter((c) => c.orders >= 2);
      if (candidates.length === 0) break;
      const c = random.pick(candidates);
      const at = daytime(random, dayStart, 0.3);
      push('account_takeover', at, {
        email: c.email,
        ip: random.chance(0.6) ? ipIn(random, random.pick(FRAUD_IP_COUNTRIES)) : ipIn(random, 'US'),
        userAgent: random.pick(USER_AGENTS),
        billing: c.billing,
        shipping: addressIn(random, random.chance(0.8) ? c.country : 'US'),
        items: lineItems(random.chance(0.6) ? 'resale' : 'gift'),
        express: random.chance(0.6),
        customer: c,
        check: {
          avs_response: AVS.full,
          csc_response: CSC.notProcessed,
          masked_card: random.pick(c.cards),
          customer_id: c.vaultId,
        },
      });
    }

    // Reshippers: many buyers and cards, one forwarding address, high-resale goods in quantity.
    for (let i = count(SCENARIO_RATES.reshipper); i > 0; i--) {
      const at = daytime(random, dayStart, 0.3);
      const billing = addressIn(random, 'US');
      push('reshipper', at, {
        email: emailFor(
          random.pick(FIRST),
          random.pick(LAST),
          random.chance(0.5) ? 'fraud' : 'legit',
        ),
        ip: random.chance(0.6) ? ipIn(random, random.pick(['CN', 'NG', 'BR'])) : ipIn(random, 'US'),
        userAgent: random.pick(USER_AGENTS),
        billing,
        shipping: random.pick(RESHIPPERS),
        items: lineItems('resale'),
        express: random.chance(0.3),
        customer: null,
        check: {
          avs_response: AVS[random.weighted({ full: 40, zip: 35, none: 15, unavailable: 10 })],
          csc_response: CSC[random.weighted({ match: 85, noMatch: 5, notProcessed: 10 })],
          masked_card: maskedCard(random),
          customer_id: null,
        },
      });
    }

    // Friendly fraud: a real customer's ordinary order, disputed later. Deliberately hard.
    for (let i = count(SCENARIO_RATES.friendly_fraud); i > 0; i--) {
      const c = random.pick(customers);
      const at = daytime(random, dayStart, 0.05);
      push('friendly_fraud', at, {
        email: c.email,
        ip: c.ip,
        userAgent: c.userAgent,
        billing: c.billing,
        shipping: c.shipping,
        items: lineItems(random.chance(0.3) ? 'resale' : 'normal'),
        express: random.chance(0.15),
        customer: c,
        check: legitCheck(c, random.pick(c.cards)),
      });
    }
  }
  return events.sort(
    (a, b) => new Date(a.order.created_at).getTime() - new Date(b.order.created_at).getTime(),
  );
}
