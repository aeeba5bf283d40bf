/**
 * Standalone start on 127.0.0.1 for tests and local runs, through @hono/node-server so that fault
 * injection can reset real sockets.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  createPaytraceSimulator,
  type PaytraceSimulatorHandle,
  type PaytraceSimulatorOptions,
} from './simulator.js';

/** Options of `startPaytraceSimulator`: the simulator's own plus where to listen. */
export interface StartPaytraceSimulatorOptions extends PaytraceSimulatorOptions {
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface; 127.0.0.1 by default, never all interfaces unless asked. */
  hostname?: string;
}

/** A listening simulator. */
export interface RunningPaytraceSimulator {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  handle: PaytraceSimulatorHandle;
  close(): Promise<void>;
}

/** Starts a simulator on a local port and resolves once it listens. */
export async function startPaytraceSimulator(
  options: StartPaytraceSimulatorOptions = {},
): Promise<RunningPaytraceSimulator> {
  const { app, handle } = createPaytraceSimulator(options);
  const hostname = options.hostname ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostname}:${port}`,
    port,
    handle,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
