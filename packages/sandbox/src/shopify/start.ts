/**
 * Standalone start on 127.0.0.1 for tests and local runs, through @hono/node-server.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ShopifySimulatorHandle } from './handle.js';
import { createShopifySimulator, type ShopifySimulatorOptions } from './simulator.js';

/** Options of `startShopifySimulator`: the simulator's own plus where to listen. */
export interface StartShopifySimulatorOptions extends ShopifySimulatorOptions {
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface; 127.0.0.1 by default, never all interfaces unless asked. */
  hostname?: string;
}

/** A listening simulator. */
export interface RunningShopifySimulator {
  /** Base URL without trailing slash; stands for `https://{shop}.myshopify.com`. */
  url: string;
  port: number;
  handle: ShopifySimulatorHandle;
  /** Stops webhook timers and the server. */
  close(): Promise<void>;
}

/** Starts a simulator on a local port and resolves once it listens. */
export async function startShopifySimulator(
  options: StartShopifySimulatorOptions = {},
): Promise<RunningShopifySimulator> {
  const simulator = createShopifySimulator(options);
  const hostname = options.hostname ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: simulator.app.fetch, port: options.port ?? 0, hostname }, () =>
      resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostname}:${port}`,
    port,
    handle: simulator.handle,
    close: async () => {
      await simulator.close();
      await new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
