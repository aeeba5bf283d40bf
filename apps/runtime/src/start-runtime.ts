import { createDisputeCases } from './disputes/case-store';
import { createFraudStore } from './fraud/fraud-store';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import {
  createExecutorLookup,
  createRuntimeServices,
  setOutboundObserver,
} from '@paybridge/nodes/executors';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { AuditLog } from './audit/audit-log';
import { ensureFirstAdmin } from './auth/first-admin';
import { IdentityStore } from './auth/identity-store';
import { RateLimiter } from './auth/rate-limiter';
import { ConnectionStore } from './connections/connection-store';
import { createBankStatementStore } from './reconciliation/bank-statements';
import { createSettlementStore } from './reconciliation/settlement-store';
import { createDb } from './db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres';
import { migrateDatabase } from './db/migrate';
import { flowEnvFrom, type Env } from './env';
import { createApp } from './http/app';
import { IngestWriter } from './ingest/ingest-writer';
import { IngressRateLimiter } from './ingest/ingress-rate-limiter';
import { RunWaiter } from './ingest/run-waiter';
import { LateDirectRunner, type DirectRunner } from './runs/direct-run';
import { TriggerTable, type TriggerKinds } from './ingest/trigger-table';
import { Scheduler } from './jobs/scheduler';
import { AlertService } from './alerts/alert-service';
import { ShopifyPoller } from './ingest/shopify/reconciliation-poller';
import { startWorker, type RunningWorker } from './jobs/start-worker';
import {
  launchWorkerThread,
  WORKER_THREAD_NICENESS,
  type WorkerThreadHandle,
  type WorkerThreadHost,
} from './jobs/worker-thread-supervisor';
import { createBuiltInLedger } from './ledger/built-in-ledger';
import { createConnectionTokenStore } from './ledger/quickbooks-token-store';
import { createLogger, type Logger } from './logger';
import { ensureSandboxConnections, subscribeSandboxStore } from './sandbox/sandbox-connections';
import { sandboxMode } from './sandbox/sandbox-mode';
import { openSandboxSimulators } from './sandbox/sandbox-simulators';
import { loadKeyRing } from './secrets/load-key-ring';
import { PayLinkStore } from './pay/pay-link-store';
import { registerDatabaseGauges } from './observability/database-gauges';
import { processMetrics } from './observability/metrics';
import { metricsRoutes } from './observability/metrics-route';
import { outboundTelemetry } from './observability/outbound-telemetry';
import { startTracing } from './observability/tracing';
import type { RoutePolicy } from './http/route-policy';
import { RUNTIME_DIR } from './runtime-dir';

export type Role = 'all' | 'api' | 'worker';

export interface RuntimeHandle {
  /** Base URL of the HTTP server, when this process serves HTTP. */
  url: string | null;
  /** Where this process serves its own `GET /metrics`; null when it serves none. */
  metricsUrl: string | null;
  /** One-time link to create the first admin, when there were no users and no configured admin. */
  setupLink: string | null;
  databaseUrl: string;
  role: Role;
  /** The access rules of this process's API (every route and its role); null without HTTP. */
  routePolicy: RoutePolicy | null;
  /** Where runs are handed to this process's worker without the queue; null without a worker. */
  directRuns: DirectRunner | null;
  /** Graceful stop: refuse new requests, drain in-flight steps, then close the database. */
  stop(): Promise<void>;
}

const EDITOR_DIR = join(RUNTIME_DIR, '..', 'editor', 'dist');

/**
 * Where connections in a "simulator" environment send their calls: the configured URL, else this
 * process's own sandbox, else the public URL's (a worker-only process reaching the API's
 * sandbox). Undefined when none applies; such connections then fail with a clear error.
 */
function simulatorUrl(
  configured: string | undefined,
  env: Env,
  ownSandbox: string | null,
  mount: 'paytrace' | 'shopify' | 'quickbooks',
): string | undefined {
  if (configured) return configured;
  if (ownSandbox) return `${ownSandbox}/sandbox/${mount}`;
  if (env.PAYBRIDGE_PUBLIC_URL) {
    return `${env.PAYBRIDGE_PUBLIC_URL.replace(/\/+$/, '')}/sandbox/${mount}`;
  }
  return undefined;
}

/** A host name this process can reach its own server on when it listens on `host`. */
function localHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts one Paybridge process in the given role. `all` is the default single-process setup;
 * `api` and `worker` split the same build across machines that share one Postgres.
 */
export async function startRuntime(
  env: Env,
  opts: {
    role?: Role;
    logger?: Logger;
    processEnv?: NodeJS.ProcessEnv;
    /** Where spans go instead of OTEL_EXPORTER_OTLP_ENDPOINT (tests: an in-memory exporter). */
    spanExporter?: SpanExporter;
    /** The trigger kinds ingress serves instead of the registry's (tests of a kind of their own). */
    triggerKinds?: TriggerKinds;
    /**
     * Set when this is the worker thread of an `all` process: that process serves the metrics
     * and the sandbox (at `sandboxUrl`), and reads the database gauges.
     */
    hostedBy?: WorkerThreadHost;
  } = {},
): Promise<RuntimeHandle> {
  const role = opts.role ?? env.PAYBRIDGE_ROLE;
  // An `all` process serves the API here and runs the worker in a thread of its own (or inline).
  const workerInThread = role === 'all' && env.PAYBRIDGE_WORKER_THREAD === 'on';
  const runsWorker = role === 'worker' || (role === 'all' && !workerInThread);
  const logger = opts.logger ?? createLogger(env.PAYBRIDGE_LOG_LEVEL, env.PAYBRIDGE_LOG_FORMAT);
  // Refused before anything starts: simulators exposed to the network only when asked for.
  const mode = sandboxMode(env, role !== 'worker');
  if (mode.warning) logger.warn(mode.warning);
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: env.PAYBRIDGE_DATA_DIR,
      port: env.PAYBRIDGE_EMBEDDED_PG_PORT,
      logger,
    });
    databaseUrl = embedded.url;
    logger.info('embedded Postgres started', { dataDir: env.PAYBRIDGE_DATA_DIR });
  }
  const { db, sql } = createDb(databaseUrl, env.PAYBRIDGE_DB_POOL_SIZE);
  const cleanup: (() => Promise<void>)[] = [];
  const metrics = processMetrics();
  const tracing = startTracing({
    endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    exporter: opts.spanExporter,
    serviceName: env.OTEL_SERVICE_NAME,
  });
  if (tracing) cleanup.push(() => tracing.shutdown());
  const previousObserver = setOutboundObserver(outboundTelemetry(metrics));
  cleanup.push(async () => void setOutboundObserver(previousObserver));
  try {
    // A worker thread starts after its process migrated the database, whose gauges it reads.
    if (!opts.hostedBy) {
      registerDatabaseGauges(metrics, sql, { deadAfterS: env.PAYBRIDGE_WORKER_DEAD_AFTER_S });
      await migrateDatabase(db, sql, databaseUrl, logger);
    }
    // Two batches in flight: a large event being written does not hold up every request behind it.
    const ingest = new IngestWriter(sql, { parallel: 2 });
    const identity = new IdentityStore(sql, env.PAYBRIDGE_SESSION_TTL_HOURS * 3600_000);
    const audit = new AuditLog(sql);
    // A worker thread reads the key its process already loaded and reported on.
    const keyRing = await loadKeyRing(env, opts.hostedBy ? createLogger('silent') : logger);
    const connections = new ConnectionStore(sql, keyRing);
    if (
      !opts.hostedBy &&
      env.PAYBRIDGE_BOOTSTRAP_TOKEN &&
      (await identity.ensureBootstrapToken(env.PAYBRIDGE_BOOTSTRAP_TOKEN)) === 'revoked'
    ) {
      logger.warn(
        'PAYBRIDGE_BOOTSTRAP_TOKEN was revoked and stays revoked; remove it or set a new value',
      );
    }

    const sandbox = mode.on;
    // Created now, so loading the worker's code overlaps the API's start.
    const workerThread: WorkerThreadHandle | null = workerInThread
      ? launchWorkerThread({
          data: {
            env: {
              ...env,
              DATABASE_URL: databaseUrl,
              // Decided here: the thread's own default would read the database URL set above.
              PAYBRIDGE_SANDBOX: sandbox ? 'on' : 'off',
              PAYBRIDGE_METRICS_PORT: undefined,
            },
            niceness: WORKER_THREAD_NICENESS,
          },
          logger,
        })
      : null;
    let removeThreadMetrics: (() => void) | null = null;
    /** Sync runs of flows without effects go straight to this process's worker (see DirectRun). */
    let directRuns: LateDirectRunner | null = null;
    if (workerThread) {
      cleanup.push(async () => removeThreadMetrics?.());
      cleanup.push(() => workerThread.stop());
    }
    const simulatorUrls = () => {
      const own = sandbox ? (localUrl ?? opts.hostedBy?.sandboxUrl ?? null) : null;
      return {
        paytrace: simulatorUrl(env.PAYBRIDGE_PAYTRACE_SIMULATOR_URL, env, own, 'paytrace'),
        shopify: simulatorUrl(env.PAYBRIDGE_SHOPIFY_SIMULATOR_URL, env, own, 'shopify'),
        quickbooks: simulatorUrl(undefined, env, own, 'quickbooks'),
      };
    };
    // The simulators keep their state in Postgres; the store's webhooks go to this runtime.
    const simulators =
      sandbox && role !== 'worker'
        ? await openSandboxSimulators(sql, logger, env.PAYBRIDGE_HTTP_ALLOW_CIDRS)
        : null;
    if (simulators) cleanup.push(() => simulators.close());
    /** Where shoppers and alert readers reach this runtime: its own server, or its host's. */
    const ownUrl = () => url ?? opts.hostedBy?.publicUrl ?? null;
    const payLinks = new PayLinkStore(sql, keyRing, () => env.PAYBRIDGE_PUBLIC_URL ?? ownUrl());
    let server: ServerType | null = null;
    /** Where this process's own HTTP server answers, for calls it makes to itself. */
    let localUrl: string | null = null;
    let url: string | null = null;
    let metricsUrl: string | null = null;
    let setupLink: string | null = null;
    let routePolicy: RoutePolicy | null = null;
    if (role !== 'worker') {
      const triggers = new TriggerTable(db, logger, { kinds: opts.triggerKinds });
      await triggers.listen(sql);
      const waiter = new RunWaiter(sql);
      await waiter.listen();
      directRuns = new LateDirectRunner();
      const ingressLimits = new IngressRateLimiter(sql, logger);
      // Built on first use: the built-in simulator's URL is known once the server listens.
      let payPaytrace: ReturnType<typeof createRuntimeServices>['paytrace'] | null = null;
      const app = createApp({
        db,
        sql,
        env,
        logger,
        ingest,
        triggers,
        waiter,
        directRuns,
        identity,
        audit,
        connections,
        limits: {
          badTokens: new RateLimiter(30, 60_000),
          tokenCreation: new RateLimiter(20, 60_000),
        },
        ingressLimits,
        metrics,
        sandbox: simulators
          ? {
              paytrace: simulators.paytrace.app,
              shopify: simulators.shopify.app,
              quickbooks: simulators.quickbooks.app,
            }
          : null,
        simulatorUrls,
        publicUrl: () => url,
        editorDir: EDITOR_DIR,
        pay: {
          links: payLinks,
          ring: keyRing,
          connections,
          paytrace: () =>
            (payPaytrace ??= createRuntimeServices({
              http: { allowPrivateCidrs: env.PAYBRIDGE_HTTP_ALLOW_CIDRS },
              paytrace: { simulatorUrl: simulatorUrls().paytrace },
            }).paytrace),
          waiter,
          ingressLimits,
          logger,
          protectScriptUrl: env.PAYBRIDGE_PROTECT_JS_URL,
          // Shoppers reach the built-in simulator's Protect.js stand-in at the public URL.
          simulatorBrowserUrl: () =>
            env.PAYBRIDGE_PAYTRACE_SIMULATOR_URL ??
            (sandbox && url ? `${url}/sandbox/paytrace` : undefined),
        },
      });
      routePolicy = app.routePolicy;
      server = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s));
      });
      const listening = server;
      cleanup.push(() => new Promise<void>((r) => listening.close(() => r())));
      const port = (server.address() as AddressInfo).port;
      localUrl = `http://${localHost(env.HOST)}:${port}`;
      url =
        env.PAYBRIDGE_PUBLIC_URL?.replace(/\/+$/, '') ??
        `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${port}`;
      if (simulators) {
        const { shopifyConnectionId } = await ensureSandboxConnections(connections, logger);
        const ownHook = `${localUrl}/hooks/shopify/${shopifyConnectionId}`;
        simulators.trustWebhookUri(ownHook);
        subscribeSandboxStore(simulators.shopify.handle, ownHook);
      }
      setupLink = await ensureFirstAdmin(identity, {
        email: env.PAYBRIDGE_ADMIN_EMAIL,
        password: env.PAYBRIDGE_ADMIN_PASSWORD,
        baseUrl: url,
        logger,
      });
    } else if (env.PAYBRIDGE_METRICS_PORT !== undefined && !opts.hostedBy) {
      // A worker-only process serves no API; its own counters (runs, steps, calls) are scraped here.
      const metricsApp = metricsRoutes({
        metrics,
        identity,
        badTokens: new RateLimiter(30, 60_000),
        metricsToken: env.PAYBRIDGE_METRICS_TOKEN,
      });
      server = await new Promise<ServerType>((resolve) => {
        const s = serve(
          { fetch: metricsApp.fetch, port: env.PAYBRIDGE_METRICS_PORT, hostname: env.HOST },
          () => resolve(s),
        );
      });
      const listening = server;
      cleanup.push(() => new Promise<void>((r) => listening.close(() => r())));
      const port = (server.address() as AddressInfo).port;
      metricsUrl = `http://${localHost(env.HOST)}:${port}/metrics`;
      logger.info('metrics served', { url: metricsUrl });
    }

    let worker: RunningWorker | null = null;
    let scheduler: Scheduler | null = null;
    let poller: ShopifyPoller | null = null;
    let alerts: AlertService | null = null;
    if (workerThread) {
      await workerThread.start({ sandboxUrl: sandbox ? localUrl : null, publicUrl: url });
      removeThreadMetrics = metrics.addThread(() => workerThread.metrics());
      directRuns?.bind(workerThread.directRuns);
    }
    if (runsWorker) {
      const nodeOptions = {
        http: { allowPrivateCidrs: env.PAYBRIDGE_HTTP_ALLOW_CIDRS },
        paytrace: { simulatorUrl: simulatorUrls().paytrace },
        shopify: { simulatorUrl: simulatorUrls().shopify },
        pay: payLinks,
        disputes: createDisputeCases(sql),
        fraud: createFraudStore(sql),
        reconciliation: createSettlementStore(sql, connections),
        bankStatements: createBankStatementStore(sql),
        erp: {
          builtIn: createBuiltInLedger(sql),
          timeZone: env.PAYBRIDGE_LEDGER_TIME_ZONE,
          quickbooks: {
            tokens: createConnectionTokenStore(connections),
            simulatorUrl: simulatorUrls().quickbooks,
          },
        },
      };
      // One set of connector state for the executors and the reconciliation poller alike.
      const services = createRuntimeServices(nodeOptions);
      worker = await startWorker({
        databaseUrl,
        sql,
        db,
        concurrency: env.PAYBRIDGE_WORKER_CONCURRENCY,
        prefetch: env.PAYBRIDGE_QUEUE_PREFETCH ?? -1,
        completeBatchMs: env.PAYBRIDGE_QUEUE_COMPLETE_BATCH_MS,
        deadAfterS: env.PAYBRIDGE_WORKER_DEAD_AFTER_S,
        lookupExecutor: createExecutorLookup(nodeOptions, services),
        env: flowEnvFrom(opts.processEnv ?? process.env),
        limits: {
          timeoutMs: env.PAYBRIDGE_EXPRESSION_TIMEOUT_MS,
          maxMemoryMb: env.PAYBRIDGE_EXPRESSION_MEMORY_MB,
          maxStringLength: env.PAYBRIDGE_EXPRESSION_MAX_STRING,
          maxSortItems: env.PAYBRIDGE_EXPRESSION_MAX_SORT_ITEMS,
        },
        ...(env.PAYBRIDGE_EXPRESSION_THREADS === undefined
          ? {}
          : { expressionThreads: env.PAYBRIDGE_EXPRESSION_THREADS }),
        maxCrashes: env.PAYBRIDGE_RUN_MAX_CRASHES,
        connections,
        logger,
        retentionDays: env.PAYBRIDGE_RETENTION_DAYS,
        // In its own thread or process no request waits behind the worker's event loop.
        ownThread: role === 'worker',
      });
      directRuns?.bind(worker.directRuns);
      alerts = new AlertService({
        sql,
        connections,
        ingest,
        logger: logger.child({ component: 'alerts' }),
        allowPrivateCidrs: env.PAYBRIDGE_HTTP_ALLOW_CIDRS,
        builtinWebhookUrl: env.PAYBRIDGE_ALERT_WEBHOOK_URL ?? null,
        builtinQuietS: env.PAYBRIDGE_ALERT_QUIET_S,
        publicUrl: () => env.PAYBRIDGE_PUBLIC_URL?.replace(/\/+$/, '') ?? ownUrl(),
        everyMs: 2000,
      });
      await alerts.start();
      scheduler = new Scheduler(db, ingest, logger);
      scheduler.start();
      poller = new ShopifyPoller({
        db,
        sql,
        ingest,
        connections,
        runtime: services.shopify,
        logger: logger.child({ component: 'shopify-reconciliation' }),
        everyS: env.PAYBRIDGE_SHOPIFY_POLL_SECONDS,
      });
      poller.start();
    }

    let stopping: Promise<void> | null = null;
    return {
      url,
      metricsUrl: metricsUrl ?? (localUrl ? `${localUrl}/metrics` : null),
      setupLink,
      databaseUrl,
      role,
      routePolicy,
      directRuns: worker?.directRuns ?? null,
      stop() {
        stopping ??= (async () => {
          if (server) {
            const s = server;
            await new Promise<void>((r) => s.close(() => r()));
          }
          await simulators?.close();
          await scheduler?.stop();
          await poller?.stop();
          await alerts?.stop();
          directRuns?.bind(null);
          await worker?.stop();
          await workerThread?.stop();
          removeThreadMetrics?.();
          setOutboundObserver(previousObserver);
          await tracing?.shutdown();
          await sql.end({ timeout: 5 });
          await embedded?.stop();
        })();
        return stopping;
      },
    };
  } catch (err) {
    for (const c of cleanup) await c().catch(() => undefined);
    await sql.end({ timeout: 1 }).catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}
