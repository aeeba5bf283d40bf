/**
 * Fraud scoring with a large history: 1,000,000 past payment attempts in Postgres (200,000
 * customers over 120 days, 2% declined, plus card-testing bursts from 20 IPs in the last hour),
 * then `fraud.score` executed as the worker executes it (history summary in SQL, features, model,
 * the attempt and the score recorded) for fresh orders of returning customers and of the burst
 * IPs. Beside it, in the same run and database, the plain indexed lookup of one key (the count
 * of an email's orders in 7 days), the floor any history read stands on.
 *
 * Run alone with `npx tsx bench/fraud.ts` (from apps/runtime), or within `npm run bench`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteContext } from '@paybridge/engine';
import type { FraudOrder } from '@paybridge/fraud';
import { createExecutorLookup } from '@paybridge/nodes/executors';
import { createDb, openSql, type Sql } from '../src/db/client';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { migrateDatabase } from '../src/db/migrate';
import { createFraudStore } from '../src/fraud/fraud-store';
import { summariseHistory } from '../src/fraud/history-sql';
import { createLogger } from '../src/logger';

const CUSTOMERS = 200_000;
const BURST_IPS = 20;
const BURST_SIZE = 200;

export interface FraudBenchResult {
  history: number;
  probes: number;
  concurrency: number;
  lookup: Latency;
  summary: Latency;
  score: Latency;
}

interface Latency {
  perS: number;
  p50: number;
  p99: number;
}

const ip = (c: number) => `24.${(c >> 16) & 255}.${(c >> 8) & 255}.${c & 255}`;

/** The fraud package's keys, spelled as `keys.ts` normalises them, for customer `c`. */
async function seed(sql: Sql, n: number): Promise<void> {
  const span = 120 * 86_400_000;
  await sql`
    insert into fraud_attempts (order_id, email_key, ip_key, card_key, address_key, device_key,
      customer_id, first_seen_text, amount_minor, currency, approved, created_at)
    select 'h' || i, 'c' || c || '@example.com',
      '24.' || ((c >> 16) & 255) || '.' || ((c >> 8) & 255) || '.' || (c & 255),
      '4xxxxxxxxxxx' || lpad((c % 10000)::text, 4, '0') || '|V' || c,
      c || ' main st|' || lpad((c % 99999)::text, 5, '0') || '|us',
      '24.' || ((c >> 16) & 255) || '.' || ((c >> 8) & 255) || '.' || (c & 255) || '|UA-' || (c % 7),
      c::text, '2025-01-01T00:00:00Z', 1000 + ((i * 37) % 20000)::int, 'USD', i % 50 <> 0,
      now() - ((${n} - i) * ${span / n}::float8) * interval '1 millisecond' - interval '1 hour'
    from (select i, (i * 7919) % ${CUSTOMERS} + 1 as c from generate_series(1::bigint, ${n}::bigint) i) s`;
  // Card testing: small attempts from a few IPs in the last hour, half of them declined.
  await sql`
    insert into fraud_attempts (order_id, email_key, ip_key, card_key, customer_id,
      first_seen_text, amount_minor, currency, approved, created_at)
    select 'b' || b || '-' || k, 'tester' || k || '@mailinator.com', '198.51.100.' || b,
      '5xxxxxxxxxxx' || lpad(k::text, 4, '0') || '|', null, '2026-01-01T00:00:00Z', 100, 'USD',
      k % 2 = 0, now() - interval '50 minutes' + k * interval '10 seconds'
    from generate_series(1, ${BURST_IPS}) b, generate_series(1, ${BURST_SIZE}) k`;
  // As autovacuum leaves a table in production: statistics fresh, visibility map set.
  await sql`vacuum analyze fraud_attempts`;
}

/** A fresh order: mostly a returning customer, every tenth from a card-testing IP. */
function probe(k: number): FraudOrder {
  const c = ((k * 104_729) % CUSTOMERS) + 1;
  const burst = k % 10 === 0;
  const address = { address1: `${c} Main St`, zip: String(c % 99999).padStart(5, '0') };
  return {
    id: `p${k}`,
    created_at: new Date().toISOString(),
    email: burst ? `tester${k}@mailinator.com` : `c${c}@example.com`,
    browser_ip: burst ? `198.51.100.${(k % BURST_IPS) + 1}` : ip(c),
    total_price: burst ? '1.00' : '64.00',
    currency: 'USD',
    billing_address: { ...address, city: 'Austin', country_code: 'US' },
    shipping_address: { ...address, city: 'Austin', country_code: 'US' },
    line_items: [{ sku: 'TEE-001', quantity: 1, price: burst ? '1.00' : '64.00' }],
    client_details: { browser_ip: burst ? null : ip(c), user_agent: `UA-${c % 7}` },
    customer: burst ? null : { id: c, created_at: '2025-01-01T00:00:00Z' },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

/** Runs `task(k)` for k < count, `concurrency` at a time; per-call latencies and throughput. */
async function measure(
  count: number,
  concurrency: number,
  task: (k: number) => Promise<unknown>,
): Promise<Latency> {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const k = next++;
        const s = performance.now();
        await task(k);
        times.push(performance.now() - s);
      }
    }),
  );
  const elapsed = performance.now() - t0;
  times.sort((a, b) => a - b);
  return {
    perS: (count / elapsed) * 1000,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
  };
}

export async function benchFraud(opts: {
  dbUrl: string;
  history: number;
  probes?: number;
  concurrency?: number;
}): Promise<FraudBenchResult> {
  const probes = opts.probes ?? 2000;
  const concurrency = opts.concurrency ?? 8;
  const { db, sql } = createDb(opts.dbUrl, concurrency + 2);
  try {
    await migrateDatabase(db, sql, opts.dbUrl, createLogger('warn'));
    await seed(sql, opts.history);
    const store = createFraudStore(sql);
    const executor = createExecutorLookup({ http: { allowPrivateCidrs: [] }, fraud: store })(
      'fraud.score',
      1,
    )!;
    const config = executor.spec.config.parse({
      avsResponse: 'Full Exact Match',
      cscResponse: 'Match',
      maskedCard: 'xxxxxxxxxxxx1111',
      storeTimeZone: 'America/New_York',
    });
    const runId = '00000000-0000-4000-8000-0000000f4a0d';
    const ctx = (k: number) =>
      ({
        runId,
        flowId: runId,
        nodeId: `score-${k}`,
        config: { ...(config as object), order: probe(k) },
        input: null,
        attempt: 1,
        idempotencyKey: `${runId}:score-${k}`,
        signal: new AbortController().signal,
        resume: undefined,
        now: () => new Date(),
        env: {},
        logger: { info() {}, warn() {}, error() {} },
        evaluate: () => Promise.resolve(null),
      }) as unknown as ExecuteContext<unknown>;
    const week = () => new Date(Date.now() - 7 * 86_400_000);
    const lookup = (k: number) => {
      const c = ((k * 104_729) % CUSTOMERS) + 1;
      return sql`select count(*)::int as n from fraud_attempts
        where email_key = ${`c${c}@example.com`} and created_at >= ${week()} and created_at < now()`;
    };
    // Warm-up of each, then each measured alone (their order alternates nothing: the three
    // read the same pages, which the warm-up has already brought into memory).
    await measure(200, concurrency, (k) => lookup(k + probes));
    await measure(200, concurrency, (k) => summariseHistory(sql, probe(k + probes), null));
    const lookupLatency = await measure(probes, concurrency, lookup);
    const summaryLatency = await measure(probes, 1, (k) => summariseHistory(sql, probe(k), null));
    const scoreLatency = await measure(probes, concurrency, (k) => executor.execute(ctx(k)));
    return {
      history: opts.history,
      probes,
      concurrency,
      lookup: lookupLatency,
      summary: summaryLatency,
      score: scoreLatency,
    };
  } finally {
    await sql.end();
  }
}

/** The bench's report lines. */
export function fraudLines(r: FraudBenchResult): string[] {
  const f = (n: number) => n.toFixed(0).padStart(7);
  const ms = (n: number) => n.toFixed(2).padStart(6);
  return [
    `Fraud scoring (${r.history.toLocaleString('en-US')} past attempts in Postgres, ${r.probes} fresh orders, 1 in 10 from a card-testing IP)`,
    `  plain indexed lookup of one key ${f(r.lookup.perS)} /s   p50 ${ms(r.lookup.p50)} ms  p99 ${ms(r.lookup.p99)} ms  (concurrency ${r.concurrency})`,
    `  history summary (SQL), one at a time       p50 ${ms(r.summary.p50)} ms  p99 ${ms(r.summary.p99)} ms  (target < 20 ms)`,
    `  fraud.score (summary + model + records) ${f(r.score.perS)} orders/s  p50 ${ms(r.score.p50)} ms  p99 ${ms(r.score.p99)} ms  (concurrency ${r.concurrency})`,
    `  ratio to the plain lookup       ${(r.score.perS / r.lookup.perS).toFixed(2)}x throughput`,
  ];
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'paybridge-bench-fraud-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 0, logger: createLogger('warn') });
  const admin = openSql(pg.url, { max: 1 });
  try {
    await admin.unsafe('create database bench_fraud');
    const u = new URL(pg.url);
    u.pathname = '/bench_fraud';
    const result = await benchFraud({
      dbUrl: u.toString(),
      history: Number(process.env.BENCH_FRAUD_HISTORY ?? 1_000_000),
    });
    process.stdout.write(`\n${fraudLines(result).join('\n')}\n`);
  } finally {
    await admin.end();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('fraud.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
