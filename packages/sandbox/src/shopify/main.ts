/**
 * Command-line start of the Shopify store simulator for local use: `npm run shopify-simulator -w
 * @paybridge/sandbox` (port from `PORT`, default 8601; 127.0.0.1 unless `HOST` is set). Prints the
 * base URL and the demo credentials, and stops on Ctrl-C.
 * @module
 */
import { SHOPIFY_DEMO_CREDENTIALS } from './simulator.js';
import { startShopifySimulator } from './start.js';

const sim = await startShopifySimulator({
  port: Number(process.env.PORT ?? 8601),
  hostname: process.env.HOST ?? '127.0.0.1',
});
const { shopDomain, accessTokens, clientId, clientSecret } = SHOPIFY_DEMO_CREDENTIALS;
console.log(`Shopify simulator (${shopDomain}) listening on ${sim.url}`);
console.log(`GraphQL: POST ${sim.url}/admin/api/2025-10/graphql.json`);
console.log(`X-Shopify-Access-Token=${accessTokens[0]}`);
console.log(`client_id=${clientId} client_secret=${clientSecret} (also the webhook HMAC key)`);
const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
