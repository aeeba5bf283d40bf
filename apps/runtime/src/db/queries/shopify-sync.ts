import type { Sql } from '../client';

/**
 * Takes the poll of one connection if it is due and nobody else holds it: creates its state on
 * first use (watermark = now: reconciliation covers what happens from then on, never orders from
 * before a flow existed), then leases it. Returns the watermark, or null when not this process's
 * turn. One statement per step, so concurrent workers cannot both win.
 */
export async function claimShopifyPoll(
  sql: Sql,
  connectionId: string,
  owner: string,
  everyS: number,
  leaseS: number,
): Promise<Date | null> {
  await sql`insert into shopify_sync_state (connection_id, watermark)
            values (${connectionId}, now()) on conflict (connection_id) do nothing`;
  const rows = await sql<{ watermark: string }[]>`
    update shopify_sync_state
    set lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseS}),
        last_attempt_at = now()
    where connection_id = ${connectionId}
      and (lease_until is null or lease_until < now())
      and (last_attempt_at is null or last_attempt_at <= now() - make_interval(secs => ${everyS}))
    returning watermark::text`;
  const row = rows[0];
  return row ? new Date(row.watermark) : null;
}

/** Records a finished poll and gives the lease back; the watermark only moves forward. */
export async function finishShopifyPoll(
  sql: Sql,
  connectionId: string,
  owner: string,
  outcome: { newest: Date | null; recovered: number } | { error: string },
): Promise<void> {
  if ('error' in outcome) {
    await sql`update shopify_sync_state
              set lease_owner = null, lease_until = null, last_error = ${outcome.error}
              where connection_id = ${connectionId} and lease_owner = ${owner}`;
    return;
  }
  await sql`update shopify_sync_state
            set lease_owner = null, lease_until = null, last_error = null, last_success_at = now(),
                last_recovered = ${outcome.recovered},
                watermark = greatest(watermark, coalesce(${outcome.newest?.toISOString() ?? null}::timestamptz, watermark))
            where connection_id = ${connectionId} and lease_owner = ${owner}`;
}

/** Reconciliation state of every Shopify connection that has been polled, for the API. */
export async function listShopifySync(sql: Sql) {
  return sql<
    {
      connectionId: string;
      name: string;
      watermark: string;
      lastAttemptAt: string | null;
      lastSuccessAt: string | null;
      lastError: string | null;
      lastRecovered: number;
      lagSeconds: number | null;
    }[]
  >`
    select s.connection_id::text as "connectionId", c.name, s.watermark::text,
           s.last_attempt_at::text as "lastAttemptAt", s.last_success_at::text as "lastSuccessAt",
           s.last_error as "lastError", s.last_recovered as "lastRecovered",
           case when s.last_success_at is null then null
                else extract(epoch from now() - s.last_success_at)::int end as "lagSeconds"
    from shopify_sync_state s join connections c on c.id = s.connection_id
    where c.deleted_at is null
    order by lower(c.name)`;
}
