import { hc, type ClientRequestOptions } from 'hono/client';
import type { AppType } from './http/app';

/**
 * Typed client for the runtime's API, built from the route definitions (Hono RPC). This is the
 * only runtime module the editor imports.
 */
export const createClient = (baseUrl: string, options?: ClientRequestOptions) =>
  hc<AppType>(baseUrl, options);
export type Client = ReturnType<typeof createClient>;
