import type { Hono } from 'hono';
import type { PaytraceSimulator } from '@paybridge/sandbox';
import type { AuditLog } from '../audit/audit-log';
import type { IdentityStore } from '../auth/identity-store';
import type { RateLimiter } from '../auth/rate-limiter';
import type { ConnectionStore } from '../connections/connection-store';
import type { Db, Sql } from '../db/client';
import type { Env } from '../env';
import type { IngestWriter } from '../ingest/ingest-writer';
import type { IngressRateLimiter } from '../ingest/ingress-rate-limiter';
import type { RunWaiter } from '../ingest/run-waiter';
import type { DirectRunner } from '../runs/direct-run';
import type { TriggerTable } from '../ingest/trigger-table';
import type { Logger } from '../logger';
import type { PayPageDeps } from '../pay/pay-routes';
import type { RuntimeMetrics } from '../observability/metrics';

/** Everything the HTTP routes use; built once by the runtime, replaced by fakes nowhere. */
export interface AppDeps {
  db: Db;
  sql: Sql;
  env: Env;
  logger: Logger;
  ingest: IngestWriter;
  triggers: TriggerTable;
  waiter: RunWaiter;
  /**
   * Where sync runs of flows without effects are executed without the queue; absent (or not
   * ready) when this process runs no worker: such runs then go through the queue.
   */
  directRuns?: DirectRunner | null;
  identity: IdentityStore;
  audit: AuditLog;
  /** Connections (credentials): sealed secrets, resolver for executors and trigger checks. */
  connections: ConnectionStore;
  limits: { badTokens: RateLimiter; tokenCreation: RateLimiter };
  /** Per-trigger request limits, shared by every API process through Postgres. */
  ingressLimits: IngressRateLimiter;
  /** This process's metrics, served at `/metrics` and fed by ingress. */
  metrics: RuntimeMetrics;
  /**
   * The built-in simulators served under `/sandbox` (sandbox mode), or null. The runtime opens
   * them over its database (their state survives restarts) and subscribes the store's webhooks
   * to its ingress.
   */
  sandbox: { paytrace: PaytraceSimulator['app']; shopify: Hono; quickbooks: Hono } | null;
  /**
   * Where connections in a "simulator" environment send their calls, for connection tests. A
   * function: the runtime's own port is known only once it listens.
   */
  simulatorUrls: () => {
    paytrace?: string | undefined;
    shopify?: string | undefined;
    quickbooks?: string | undefined;
  };
  /**
   * Base URL outside systems call this runtime at (`PAYBRIDGE_PUBLIC_URL`, else the URL printed at
   * start), for the editor's trigger endpoints. A function: the port is known only once it listens.
   */
  publicUrl: () => string | null;
  /** Directory of the built editor, served at `/` when present. */
  editorDir: string | null;
  /** The hosted pay page (`/pay/<token>`); null where this process serves none. */
  pay?: PayPageDeps | null;
}
