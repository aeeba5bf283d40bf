/**
 * The fixed world orders are drawn from: IP ranges per country (checked against the shipped
 * GeoLite2 data in generator.test.ts), addresses, products, AVS/CSC answers in PayTrace's words.
 *
 * @module
 */
import type { Random } from './random';

/** /16 prefixes that geolocate wholly to one country in geoip-country's data. */
export const IP_PREFIXES: Record<string, readonly string[]> = {
  US: ['24.5', '73.60', '98.200'],
  CA: ['99.224', '24.200'],
  GB: ['86.150'],
  DE: ['85.214', '91.64'],
  AU: ['1.120'],
  NG: ['105.112', '41.58'],
  BR: ['177.20'],
  CN: ['36.110'],
};

export function ipIn(random: Random, country: string): string {
  const prefix = random.pick(IP_PREFIXES[country] ?? IP_PREFIXES['US']!);
  return `${prefix}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

export const HOME_COUNTRIES = { US: 75, CA: 8, GB: 8, DE: 5, AU: 4 } as const;
export const FRAUD_IP_COUNTRIES = ['NG', 'BR', 'CN', 'DE', 'GB'] as const;

const STREETS = ['Oak St', 'Maple Ave', 'Main St', 'Cedar Ln', 'Elm Dr', 'Park Rd', 'High St'];
const CITIES: Record<string, readonly [string, string][]> = {
  US: [
    ['Springfield', '62701'],
    ['Austin', '78701'],
    ['Denver', '80202'],
    ['Columbus', '43004'],
    ['Raleigh', '27601'],
  ],
  CA: [
    ['Toronto', 'M5H 2N2'],
    ['Calgary', 'T2P 1J9'],
  ],
  GB: [
    ['London', 'SW1A 1AA'],
    ['Leeds', 'LS1 4DY'],
  ],
  DE: [
    ['Berlin', '10115'],
    ['Hamburg', '20095'],
  ],
  AU: [
    ['Sydney', '2000'],
    ['Melbourne', '3000'],
  ],
};

export type Address = {
  address1: string;
  city: string;
  zip: string;
  country_code: string;
};

export function addressIn(random: Random, country: string): Address {
  const [city, zip] = random.pick(CITIES[country] ?? CITIES['US']!);
  return {
    address1: `${random.int(1, 9999)} ${random.pick(STREETS)}`,
    city,
    zip,
    country_code: country in CITIES ? country : 'US',
  };
}

/** Freight forwarders / reshippers: a few addresses that many unrelated buyers ship to. */
export const RESHIPPERS: readonly Address[] = Array.from({ length: 12 }, (_, i) => ({
  address1: `${i % 2 ? '11 Commerce Dr' : '502 Airport Rd'} Ste ${100 + i * 7}`,
  city: i % 2 ? 'New Castle' : 'Portland',
  zip: i % 2 ? '19720' : '97230',
  country_code: 'US',
}));

export const PRODUCTS = [
  { sku: 'TEE-001', price: 2400, resale: false },
  { sku: 'MUG-002', price: 1500, resale: false },
  { sku: 'BAG-003', price: 6900, resale: false },
  { sku: 'SHOE-004', price: 11900, resale: false },
  { sku: 'JKT-005', price: 18900, resale: false },
  { sku: 'HEAD-006', price: 24900, resale: true },
  { sku: 'WATCH-007', price: 39900, resale: true },
  { sku: 'PHONE-008', price: 79900, resale: true },
] as const;

export const SAMPLE = { sku: 'STICKER-009', price: 300 } as const;
export const GIFT_CARD = { sku: 'GIFT-100', price: 10000 } as const;

export const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 15) Chrome/130.0 Mobile',
  'Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0',
];

export const FIRST = [
  'anna',
  'ben',
  'carla',
  'dan',
  'eva',
  'finn',
  'grace',
  'hugo',
  'iris',
  'jack',
];
export const LAST = ['smith', 'jones', 'brown', 'miller', 'davis', 'wilson', 'clark', 'lewis'];
export const COMPANY_DOMAINS = ['acme.com', 'northwind.io', 'contoso.org', 'initech.net'];
export const FREE_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'hotmail.com'];
export const DISPOSABLE_DOMAINS = ['mailinator.com', 'guerrillamail.com', 'yopmail.com'];

/** PayTrace's AVS texts by class. */
export const AVS = {
  full: 'Full Exact Match',
  address: 'Address Match Only',
  zip: 'Zip Match Only',
  none: 'No Match',
  nonUs: 'Non-US Issuer does not participate',
  unavailable: 'Issuer System Unavailable',
} as const;

export const CSC = {
  match: 'Match',
  noMatch: 'No Match',
  notProcessed: 'Not Processed',
} as const;
