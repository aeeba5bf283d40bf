import { HistoryIndex } from './history';
import { extractFeatures } from './features/extract';
import { scoreFeatures } from './model/evaluate';
import { defaultModel } from './model/default-model';
import { ipCountry } from './ip-country';
import { order, check } from './test-orders.test-support';

const model = defaultModel();
const index = new HistoryIndex();
const start = Date.parse('2026-03-02T15:00:00Z');
for (let i = 0; i < 30; i++) {
  const home = { address1: `${i + 3} Depot Rd`, city: 'Chandler', zip: '85284', country_code: 'US' };
  const o = order({
    id: 1000 + i,
    created_at: new Date(start + i * 20_000).toISOString(),
    email: `shopper.${i}.lee@gmail.com`,
    browser_ip: '24.9.9.9',
    total_price: '1.00',
    billing_address: home,
    shipping_address: home,
    line_items: [{ sku: 'TEA-1', quantity: 1, price: '1.00' }],
    client_details: { browser_ip: '24.9.9.9', user_agent: null as any },
    customer: { id: 500 + i, created_at: new Date(start + i * 20_000).toISOString() },
  });
  const c = check({ customer_id: `vault-${i}`, avs_response: process.argv[2] ?? 'Full Exact Match' });
  const h = index.summarise(o, c);
  const f = extractFeatures(o, c, h, { ipCountry: ipCountry('24.9.9.9'), storeTimeZone: 'America/New_York' });
  const s = scoreFeatures(model, f, 3);
  console.log(i, s.score, h.velocity.ip.h1.orders, s.reasons.map((r: any) => r.text).join(' | ').slice(0, 200));
  index.add({ order: o, check: c, approved: true });
}
