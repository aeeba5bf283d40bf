/**
 * Command-line start of the QuickBooks Online simulator for local use: `npm run
 * quickbooks-simulator -w @paybridge/sandbox` (port from `PORT`, default 8700, on 127.0.0.1).
 * Prints the base URL, the demo app and a refresh token for the demo company, and stops on
 * Ctrl-C.
 * @module
 */
import { QUICKBOOKS_DEMO_APP } from './simulator.js';
import { startQuickbooksSimulator } from './start.js';

const sim = await startQuickbooksSimulator({ port: Number(process.env.PORT ?? 8700) });
const { refreshToken } = sim.handle.connect();
console.log(`QuickBooks Online simulator listening on ${sim.url}`);
console.log(
  `client_id=${QUICKBOOKS_DEMO_APP.clientId} client_secret=${QUICKBOOKS_DEMO_APP.clientSecret} realm_id=${sim.handle.realmId}`,
);
console.log(`refresh_token=${refreshToken}`);
const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
