import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support';
import { createDb, openSql, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { AlertService, BUILTIN_RULE_ID, type AlertServiceOptions } from './alert-service';

const logger = createLogger('silent');
const pools: Sql[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end({ timeout: 1 })));
});

/** A service with no deliveries or failures to handle: connections and ingest stay unused. */
function service(sql: Sql): AlertService {
  const opts: AlertServiceOptions = {
    sql,
    connections: {} as AlertServiceOptions['connections'],
    ingest: {} as AlertServiceOptions['ingest'],
    logger,
    allowPrivateCidrs: [],
    builtinWebhookUrl: 'https://hooks.example.test/services/T/B/x',
    builtinQuietS: 60,
    publicUrl: () => null,
    everyMs: 60_000,
  };
  return new AlertService(opts);
}

describe('alert service start', () => {
  it('starts while the database is unreachable (a worker starting during a Postgres restart)', async () => {
    const down = openSql('postgres://paybridge@127.0.0.1:1/none', { max: 1, connect_timeout: 2 });
    pools.push(down);
    const alerts = service(down);
    await expect(alerts.start()).resolves.toBeUndefined();
    await alerts.stop();
  });

  it('writes the built-in dead-letter rule in the first round that reaches the database', async () => {
    const url = await freshDatabase();
    const { sql, db } = createDb(url, 2);
    pools.push(sql);
    await migrateDatabase(db, sql, url, logger);
    const alerts = service(sql);
    await alerts.round();
    const [rule] = await sql<{ enabled: boolean }[]>`
      select enabled from alert_rules where id = ${BUILTIN_RULE_ID}`;
    expect(rule?.enabled).toBe(true);
    await alerts.stop();
  });
});
