/**
 * Settlement reconciliation at scale: matching a day of N settled PayTrace transactions against
 * N ledger payments, plus the day's report (totals, batches, items, CSV), excluding the fetch
 * from PayTrace (the rows are staged straight in SQL), beside a plain SQL hash join of the same
 * two tables on the transaction reference in the same run. 1% of the payments are missing and
 * 1% booked for another amount, so the report has items to write.
 *
 * Run alone with `npx tsx bench/reconciliation.ts` (from apps/runtime), or within `npm run bench`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, openSql, type Sql } from '../src/db/client';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { migrateDatabase } from '../src/db/migrate';
import { ensureDefaultChart } from '../src/ledger/chart';
import { createLogger } from '../src/logger';
import { matchDay } from '../src/reconciliation/match-day';
import { reportCsv } from '../src/reconciliation/report-csv';
import { dayReport } from '../src/reconciliation/report-queries';

const DAY = '2026-03-10';
const RUN = '00000000-0000-4000-8000-00000000be4c';

export interface ReconciliationBenchResult {
  transactions: number;
  /** Median of the plain join's timed repetitions. */
  joinMs: number;
  /** Median of the reconciliation's timed repetitions. */
  reconcileMs: number;
  /** Timed repetitions of each side (after one warm-up of each). */
  repetitions: number;
  /** Lowest and highest of the per-repetition ratios (reconcile / the join beside it). */
  ratioRange: [number, number];
  items: number;
  csvBytes: number;
}

/** Stages `n` settled sales in 20 batches and books `n` payments (1% missing, 1% off). */
export async function seed(sql: Sql, connection: string, n: number): Promise<void> {
  await ensureDefaultChart(sql);
  await sql`insert into ledger.customers (external_ref, name) values ('bench', 'Bench')
            on conflict do nothing`;
  // One balanced entry every bench payment points at (the ledger checks entries at commit).
  const journal = await sql.begin(async (tx) => {
    const [entry] = await tx<{ id: string }[]>`
      insert into ledger.journal_entries (source, currency, txn_date)
      values ('bench', 'USD', ${DAY}) returning id`;
    await tx`
      insert into ledger.journal_lines (entry_id, line_no, account_id, debit, credit)
      select ${entry!.id}::uuid, n, a.id, case when n = 1 then 1 else 0 end,
             case when n = 2 then 1 else 0 end
        from (values (1, 'cash'), (2, 'card-clearing')) v(n, role)
        join ledger.accounts a on a.role = v.role`;
    return entry;
  });
  await sql`
    insert into reconciliation_batches (connection, batch_number, business_date, currency,
           transaction_count, gross, refunds, net)
    select ${connection}, b, ${DAY}::date, 'USD', 0, 0, 0, 0 from generate_series(1, 20) b`;
  await sql`
    insert into reconciliation_transactions (connection, transaction_id, batch_number,
           business_date, kind, amount, currency, invoice_id, brand, fee_expected)
    select ${connection}, (100000000 + i)::text, 1 + i % 20, ${DAY}::date, 'sale',
           500 + (i::bigint * 7919) % 50000, 'USD', 'INV-' || i, 'visa', 0
      from generate_series(1, ${n}) i`;
  await sql`
    insert into ledger.invoices (external_ref, fingerprint, customer_id, currency, txn_date,
           subtotal, tax, shipping, discount, total, open_balance)
    select 'INV-' || i, 'bench', c.id, 'USD', ${DAY}::date, a, 0, 0, 0, a, 0
      from generate_series(1, ${n}) i
      cross join lateral (select 500 + (i::bigint * 7919) % 50000 as a) x
      cross join (select id from ledger.customers where external_ref = 'bench') c`;
  await sql`
    insert into ledger.payments (external_ref, fingerprint, invoice_id, currency, amount,
           txn_date, journal_id)
    select 'paytrace-' || (100000000 + i), 'bench', inv.id, 'USD',
           case when i % 100 = 1 then inv.total - 1 else inv.total end, ${DAY}::date,
           ${journal!.id}::uuid
      from generate_series(1, ${n}) i
      join ledger.invoices inv on inv.external_ref = 'INV-' || i
     where i % 100 <> 0`;
  await sql`
    update reconciliation_batches b set gross = s.g, net = s.g, transaction_count = s.n
      from (select batch_number, sum(amount) g, count(*)::int n from reconciliation_transactions
             where connection = ${connection} group by batch_number) s
     where b.connection = ${connection} and b.batch_number = s.batch_number`;
  await sql`vacuum analyze`;
}

/** Milliseconds `fn` takes. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * Times two tasks fairly on a shared, noisy machine: one untimed warm-up of each (caches, plans),
 * then `reps` rounds running both back to back, alternating which goes first, so a burst of load
 * from elsewhere hits both sides alike. Answers each side's timings and the per-round ratios.
 */
export async function interleaved(
  base: () => Promise<unknown>,
  subject: () => Promise<unknown>,
  reps: number,
): Promise<{ base: number[]; subject: number[]; ratios: number[] }> {
  await base();
  await subject();
  const out = { base: [] as number[], subject: [] as number[], ratios: [] as number[] };
  for (let i = 0; i < reps; i++) {
    let b: number;
    let s: number;
    if (i % 2 === 0) {
      b = await timed(base);
      s = await timed(subject);
    } else {
      s = await timed(subject);
      b = await timed(base);
    }
    out.base.push(b);
    out.subject.push(s);
    out.ratios.push(s / b);
  }
  return out;
}

/** One size: seeds a fresh database, then times the plain join and the reconciliation. */
export async function benchReconciliation(opts: {
  dbUrl: string;
  transactions: number;
  /** Timed repetitions of each side; more for a steadier median on a busy machine. */
  repetitions?: number;
}): Promise<ReconciliationBenchResult> {
  const reps = opts.repetitions ?? (opts.transactions > 200_000 ? 3 : 9);
  const { db, sql } = createDb(opts.dbUrl, 4);
  try {
    await migrateDatabase(db, sql, opts.dbUrl, createLogger('warn'));
    const connection = 'bench-paytrace';
    await seed(sql, connection, opts.transactions);
    const join = () => sql`
      select count(*)::int as matched, sum(t.amount - p.amount)::bigint as difference
        from reconciliation_transactions t
        join ledger.payments p on p.paytrace_ref = t.transaction_id
       where t.connection = ${connection} and t.business_date = ${DAY}::date`;
    let items = 0;
    let csvBytes = 0;
    const reconcile = async () => {
      await matchDay(sql, {
        runId: RUN,
        flowRunId: null,
        connection,
        day: DAY,
        notSettledAfterDays: 3,
        bankAccount: null,
        depositWindowDays: 3,
        shopifyConnection: null,
        processorFees: false,
        erp: 'built-in',
      });
      // The day's report as the CSV export reads and prints it.
      const report = await dayReport(sql, DAY, connection);
      items = report!.items.length;
      csvBytes = reportCsv(report!.day, report!.batches, report!.items).length;
    };
    const t = await interleaved(join, reconcile, reps);
    return {
      transactions: opts.transactions,
      joinMs: median(t.base),
      reconcileMs: median(t.subject),
      repetitions: reps,
      ratioRange: [Math.min(...t.ratios), Math.max(...t.ratios)],
      items,
      csvBytes,
    };
  } finally {
    await sql.end();
  }
}

/** The bench's report lines for both sizes. */
export function reconciliationLines(
  small: ReconciliationBenchResult,
  large: ReconciliationBenchResult,
): string[] {
  const f = (n: number) => n.toFixed(0).padStart(7);
  return [
    `Settlement reconciliation (matching + report, fetch excluded; 1% not booked, 1% amount mismatch)`,
    `  (medians of ${small.repetitions} interleaved repetitions after a warm-up of each)`,
    `  plain SQL hash join, ${small.transactions} x ${small.transactions}   ${f(small.joinMs)} ms`,
    `  reconcile ${small.transactions} settled vs ${small.transactions} payments ${f(small.reconcileMs)} ms  (${small.items} items)`,
    `  ratio to the plain join             ${(small.reconcileMs / small.joinMs).toFixed(2)}x   (target <= 3x; per repetition ${small.ratioRange[0].toFixed(2)}-${small.ratioRange[1].toFixed(2)}x)`,
    `  reconcile ${large.transactions} settled vs ${large.transactions} payments ${(large.reconcileMs / 1000).toFixed(2)} s  (${large.items} items; plain join ${(large.joinMs / 1000).toFixed(2)} s; median of ${large.repetitions}; target < 10 s)`,
  ];
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'paybridge-bench-recon-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: 0, logger: createLogger('warn') });
  const admin = openSql(pg.url, { max: 1 });
  const dbUrl = (name: string) => {
    const u = new URL(pg.url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  try {
    await admin.unsafe('create database bench_recon_small');
    await admin.unsafe('create database bench_recon_large');
    const small = await benchReconciliation({
      dbUrl: dbUrl('bench_recon_small'),
      transactions: Number(process.env.BENCH_RECON_SMALL ?? 100_000),
    });
    const large = await benchReconciliation({
      dbUrl: dbUrl('bench_recon_large'),
      transactions: Number(process.env.BENCH_RECON_LARGE ?? 1_000_000),
    });
    process.stdout.write(`\n${reconciliationLines(small, large).join('\n')}\n`);
  } finally {
    await admin.end();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('reconciliation.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
