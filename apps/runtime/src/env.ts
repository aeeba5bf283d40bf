import { z } from 'zod';
import { DEFAULT_LEDGER_TIME_ZONE, isTimeZone } from '@paybridge/nodes/erp';
import { parseMasterKey } from './secrets/master-key';

const intFrom = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/**
 * Every setting the runtime reads, validated once at start. Parsing here (and nowhere else) means
 * a typo in a variable stops the process with a message naming it, instead of a late surprise.
 */
export const EnvSchema = z.object({
  PORT: intFrom(8080, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Postgres connection string; when absent an embedded Postgres is started. */
  DATABASE_URL: z.string().url().optional(),
  PAYBRIDGE_DATA_DIR: z.string().min(1).default('./.paybridge'),
  /**
   * Serve the built-in simulators (PayTrace at /sandbox/paytrace). Default: on with the embedded
   * database (a demo or development setup), off with DATABASE_URL. With a HOST that is not
   * loopback, sandbox mode must be asked for explicitly (`on`), see `sandboxMode`.
   */
  PAYBRIDGE_SANDBOX: z.enum(['on', 'off', 'true', 'false', '1', '0']).optional(),
  /**
   * Where PayTrace connections with the environment "built-in simulator" send their calls.
   * Default: this process's own /sandbox/paytrace when it serves the sandbox, else
   * PAYBRIDGE_PUBLIC_URL + /sandbox/paytrace (a worker-only process reaching the API's sandbox).
   */
  PAYBRIDGE_PAYTRACE_SIMULATOR_URL: z.string().url().optional(),
  /** The same for Shopify connections set to the built-in store simulator (/sandbox/shopify). */
  PAYBRIDGE_SHOPIFY_SIMULATOR_URL: z.string().url().optional(),
  /**
   * Protect.js script of the hosted pay page. Unset: PayTrace's for connections in production
   * (https://protect.paytrace.com/js/protect.min.js) or sandbox, the simulator's stand-in for
   * simulator connections.
   */
  PAYBRIDGE_PROTECT_JS_URL: z.string().url().optional(),
  /** Seconds between missed-event reconciliation polls of each Shopify store with active flows. */
  PAYBRIDGE_SHOPIFY_POLL_SECONDS: intFrom(300, 1, 86_400),
  /**
   * Shopify webhooks accepted per minute per store connection, shared by every API process; over
   * it Shopify gets 429 with Retry-After and delivers again later. 0 turns the limit off.
   * Generous: Shopify sends bursts (bulk edits, imports).
   */
  PAYBRIDGE_SHOPIFY_WEBHOOK_RATE_PER_MINUTE: intFrom(6000, 0, 1_000_000),
  /** Shopify webhooks accepted at once per store after a quiet spell; default: the per-minute rate. */
  PAYBRIDGE_SHOPIFY_WEBHOOK_BURST: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /**
   * Days the data of runs that succeeded or were cancelled is kept (step input and output, the
   * response, the event payload once no other run needs it); the runs stay, marked pruned.
   * Failed and declined runs, dead letters, money records and the ledger are kept. 0 keeps all.
   */
  PAYBRIDGE_RETENTION_DAYS: intFrom(30, 0, 36_500),
  /** Port of the embedded Postgres; 0 picks a free one at each start. */
  PAYBRIDGE_EMBEDDED_PG_PORT: intFrom(0, 0, 65535),
  PAYBRIDGE_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  PAYBRIDGE_WORKER_CONCURRENCY: intFrom(8, 1, 200),
  /**
   * With `PAYBRIDGE_ROLE=all`, where the worker runs: `on` (default) in a worker thread of its own,
   * so node code, run bookkeeping and large step data never hold up the API's event loop; `off`
   * on the API's own event loop (one thread, less memory).
   */
  PAYBRIDGE_WORKER_THREAD: z.enum(['on', 'off']).default('on'),
  PAYBRIDGE_DB_POOL_SIZE: intFrom(20, 2, 500),
  /**
   * Jobs a worker process fetches and locks ahead (graphile-worker's local queue); -1 (default)
   * fetches one at a time. Fetching ahead gives one busy flow more runs/s, but prefetched jobs
   * are handed out before other flows' new ones, which then wait behind a flood.
   */
  PAYBRIDGE_QUEUE_PREFETCH: z.coerce.number().int().min(-1).max(1000).optional(),
  /** Completions of finished jobs gathered for this many ms into one write; -1 writes each. */
  PAYBRIDGE_QUEUE_COMPLETE_BATCH_MS: intFrom(0, -1, 10_000),
  PAYBRIDGE_BODY_LIMIT_BYTES: intFrom(1024 * 1024, 1024, 100 * 1024 * 1024),
  /** JSONata wall-clock budget per evaluation. */
  PAYBRIDGE_EXPRESSION_TIMEOUT_MS: intFrom(1000, 10, 60_000),
  /** Heap of each thread evaluating JSONata, in MB; an evaluation needing more fails the step. */
  PAYBRIDGE_EXPRESSION_MEMORY_MB: intFrom(256, 16, 16_384),
  /** Threads evaluating JSONata in a worker process (default: cores used by the concurrency, plus one). */
  PAYBRIDGE_EXPRESSION_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Longest string one evaluation may build (`$pad`, `$join`, `$replace`, `&`...). */
  PAYBRIDGE_EXPRESSION_MAX_STRING: intFrom(10_000_000, 1000, 500_000_000),
  /** Most items `$sort` and `$distinct` accept. */
  PAYBRIDGE_EXPRESSION_MAX_SORT_ITEMS: intFrom(100_000, 100, 10_000_000),
  /** Executions of a run that may crash the worker (process or thread) in a row before it fails `POISONED`. */
  PAYBRIDGE_RUN_MAX_CRASHES: intFrom(3, 1, 100),
  /** Private networks the http.request node may reach (CIDR list); none by default. */
  PAYBRIDGE_HTTP_ALLOW_CIDRS: csv,
  /**
   * The ledger's time zone (IANA name): ERP documents dated by an instant (an order's
   * `created_at`, `$now()`) are booked on their calendar day there, invoices and payments alike.
   */
  PAYBRIDGE_LEDGER_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as America/Chicago')
    .default(DEFAULT_LEDGER_TIME_ZONE),
  /** A worker process not seen for this long is dead: its jobs and runs are released. */
  PAYBRIDGE_WORKER_DEAD_AFTER_S: intFrom(30, 3, 3600),
  /** Base URL printed for trigger endpoints (defaults to http://HOST:PORT). */
  PAYBRIDGE_PUBLIC_URL: z.string().url().optional(),
  /**
   * Base URL of a separate origin proxied to this runtime for trigger endpoints (e.g.
   * https://hooks.example.com): the editor shows trigger URLs under it, and requests under its
   * host name reach only `/hooks/…`, so no flow's answer shares an origin with the editor.
   */
  PAYBRIDGE_HOOKS_URL: z.string().url().optional(),
  /**
   * Slack-compatible incoming webhook (http or https): a built-in alert channel with a dead-letter
   * rule for every flow (one message per burst, then a resolved notice); unset: that rule is off
   * (channels and rules made in Settings still work). Reached through the same outbound address
   * policy as flows' HTTP calls.
   */
  PAYBRIDGE_ALERT_WEBHOOK_URL: z
    .string()
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
      message: 'must be an http:// or https:// URL, e.g. https://hooks.slack.com/services/…',
    })
    .optional(),
  /** Quiet period of the built-in dead-letter rule, in seconds. */
  PAYBRIDGE_ALERT_QUIET_S: intFrom(900, 1, 7 * 24 * 3600),
  /** First admin, created at start when there are no users (else a setup link is printed). */
  PAYBRIDGE_ADMIN_EMAIL: z.string().email().optional(),
  PAYBRIDGE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** An admin API token installed at start, for automation; long and random, please. */
  PAYBRIDGE_BOOTSTRAP_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** How long a browser session lasts. */
  PAYBRIDGE_SESSION_TTL_HOURS: intFrom(12, 1, 24 * 30),
  /** Largest JSON body of an API request (flow graphs can be large). */
  PAYBRIDGE_API_BODY_LIMIT_BYTES: intFrom(5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  /** Master key sealing connection secrets (32 bytes, base64 or hex); unset: `<data dir>.key`. */
  PAYBRIDGE_SECRET_KEY: z
    .string()
    .refine((k) => parseMasterKey(k) !== null, 'must be 32 bytes in base64 or 64 hex digits')
    .optional(),
  /** Earlier master keys, comma-separated, still opening values until `secrets rotate`. */
  PAYBRIDGE_SECRET_KEY_PREVIOUS: csv.refine(
    (keys) => keys.every((k) => parseMasterKey(k) !== null),
    'must be 32-byte keys in base64 or 64 hex digits, comma-separated',
  ),
  PAYBRIDGE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * `json`: one JSON object per line (time, level, msg, and runId, flowId, nodeId, traceId where
   * known), for log shippers; `pretty`: one readable line. Unset: pretty on a terminal, JSON
   * when stdout is a pipe or file (a container, systemd, a log shipper).
   */
  PAYBRIDGE_LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  /**
   * Bearer token a Prometheus server sends to scrape `GET /metrics` (at least 16 characters).
   * Unset: only signed-in users and API tokens (viewer role or above) may read metrics.
   */
  PAYBRIDGE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Port on which a worker-only process (`--role worker`) serves `GET /metrics` (0: any free
   * port). Processes with the API serve it on PORT; unset, a worker-only process serves none.
   */
  PAYBRIDGE_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /**
   * OTLP/HTTP collector base URL (e.g. http://otel-collector:4318); set, it turns tracing on and
   * spans go to `<url>/v1/traces`. Unset: no tracing, and no span is created at all.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** `service.name` of this process's spans. */
  OTEL_SERVICE_NAME: z.string().min(1).default('paybridge'),
});
export type Env = z.infer<typeof EnvSchema>;

/** Non-secret values flows may read as `$env.NAME`, from variables named `FLOW_ENV_NAME`. */
export function flowEnvFrom(source: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) {
    if (k.startsWith('FLOW_ENV_') && v !== undefined) out[k.slice('FLOW_ENV_'.length)] = v;
  }
  return out;
}

/** Thrown with one line per bad variable, e.g. `PORT: expected number, received "abc"`. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; blank values count as unset so `PORT=` means the default. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '?');
        // Keys, passwords, tokens and webhook URLs (they hold one) are never echoed, not even malformed.
        const value = /KEY|PASSWORD|TOKEN|SECRET|WEBHOOK_URL/.test(name)
          ? undefined
          : cleaned[name];
        return `${name}: ${i.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
      }),
    );
  }
  return parsed.data;
}
