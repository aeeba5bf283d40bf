/**
 * Command-line start of the PayTrace simulator for local use: `npm run paytrace-simulator -w
 * @paybridge/sandbox` (port from `PORT`, default 8600; 127.0.0.1 unless `HOST` is set). Prints the
 * base URL and the demo credentials, and stops on Ctrl-C.
 * @module
 */
import { DEMO_CREDENTIALS } from './simulator.js';
import { startPaytraceSimulator } from './start.js';

const sim = await startPaytraceSimulator({
  port: Number(process.env.PORT ?? 8600),
  hostname: process.env.HOST ?? '127.0.0.1',
});
console.log(`PayTrace simulator listening on ${sim.url}`);
console.log(
  `username=${DEMO_CREDENTIALS.username} password=${DEMO_CREDENTIALS.password} integrator_id=${DEMO_CREDENTIALS.integratorId}`,
);
const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
