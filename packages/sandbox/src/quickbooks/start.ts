/**
 * Standalone start of the QuickBooks Online simulator on a local port.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  createQuickbooksSimulator,
  type QuickbooksSimulatorHandle,
  type QuickbooksSimulatorOptions,
} from './simulator.js';

/** A listening simulator. */
export interface RunningQuickbooksSimulator {
  /** Base URL without trailing slash. */
  url: string;
  handle: QuickbooksSimulatorHandle;
  close(): Promise<void>;
}

/** Starts a simulator on 127.0.0.1 (port 0: any free one) and resolves once it listens. */
export async function startQuickbooksSimulator(
  options: QuickbooksSimulatorOptions & { port?: number } = {},
): Promise<RunningQuickbooksSimulator> {
  const { app, handle } = createQuickbooksSimulator(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () =>
      resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    handle,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
