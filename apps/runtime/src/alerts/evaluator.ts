import type { TransactionSql } from 'postgres';
import type { Sql } from '../db/client';
import { countEvents, describeFailure, readLevel, type RuleRow } from './conditions';
import type { NoticeText } from './messages';
import { EVENT_KINDS } from './rule-kinds';

/**
 * Advisory lock (two-int form) making one evaluation round at a time across every runtime
 * process: a round that finds it taken is skipped, so several workers send one alert, not one each.
 */
const LOCK = [1_347_240_514, 23] as const;

/**
 * Events are counted up to this far behind `now()`: a run that failed in a transaction still
 * committing is counted on the next round instead of being missed by both.
 */
const SETTLE_S = 2;

/**
 * The rules, locked for the round: a change through the API (which restarts a rule's counting)
 * waits for the round or is seen by it, never overwritten by a round that read the rule before.
 */
const RULES = `
select r.id::text, r.name, r.kind, r.flow_id::text as "flowId", f.name as "flowName", r.params,
       r.quiet_seconds as "quietSeconds", r.channel_ids::text[] as "channelIds", r.firing,
       r.checked_until as "checkedUntil", r.last_event_at as "lastEventAt",
       r.last_notice_at as "lastNoticeAt", r.pending_count as "pendingCount",
       r.total_count as "totalCount", r.created_at as "createdAt"
from alert_rules r left join flows f on f.id = r.flow_id
where r.enabled
order by r.created_at
for update of r`;

/** Raw queries on the shared pool answer timestamps as text; the evaluator computes with dates. */
function withDates(rule: RuleRow): RuleRow {
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    ...rule,
    checkedUntil: date(rule.checkedUntil),
    lastEventAt: date(rule.lastEventAt),
    lastNoticeAt: date(rule.lastNoticeAt),
    createdAt: new Date(rule.createdAt),
  };
}

/** A date as a query parameter (the shared pool takes timestamps as text). */
const ts = (d: Date | null) => (d === null ? null : d.toISOString());

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Decides, once per round for every enabled rule, whether to tell anyone: a first event (or a
 * level crossing its threshold) fires one notice with the count so far; events within the quiet
 * period are folded into counts (one "still firing" notice per quiet period at most); a rule
 * resolves, with a notice carrying the total, when its condition clears. Notices and their
 * deliveries are written in the round's transaction, so a crash sends nothing half-decided.
 */
export class AlertEvaluator {
  constructor(
    private readonly sql: Sql,
    private readonly publicUrl: () => string | null,
  ) {}

  /** One round; returns the notices written (none when another process holds the round). */
  async round(): Promise<number> {
    return this.sql.begin(async (tx) => {
      const [lock] = await tx<{ ok: boolean }[]>`
        select pg_try_advisory_xact_lock(${LOCK[0]}::int, ${LOCK[1]}::int) as ok`;
      if (!lock?.ok) return 0;
      const [clock] = await tx<{ now: string; until: string }[]>`
        select now()::text as now, (now() - make_interval(secs => ${SETTLE_S}))::text as until`;
      const now = new Date(clock!.now);
      const until = new Date(clock!.until);
      const rules = (await tx.unsafe<RuleRow[]>(RULES)).map(withDates);
      let written = 0;
      for (const rule of rules) {
        written += EVENT_KINDS.includes(rule.kind)
          ? await this.eventRule(tx, rule, now, until)
          : await this.levelRule(tx, rule, now);
      }
      return written;
    });
  }

  private link(flowId: string, runId: string): string | null {
    const base = this.publicUrl();
    return base ? `${base}/flows/${flowId}?run=${runId}` : null;
  }

  private async eventRule(tx: TransactionSql, rule: RuleRow, now: Date, until: Date) {
    const from = rule.checkedUntil ?? rule.createdAt;
    const quietMs = rule.quietSeconds * 1000;
    const seen =
      from < until ? await countEvents(tx, rule, from, until) : { count: 0, latest: null };
    const deadLetter = rule.kind === 'dead_letter';
    const noun = deadLetter ? 'dead letter' : 'run failure';
    const scope = rule.flowName ? ` in flow ${rule.flowName}` : '';
    let notice: (NoticeText & { count: number }) | null = null;
    const state = {
      firing: rule.firing,
      lastEventAt: rule.lastEventAt,
      lastNoticeAt: rule.lastNoticeAt,
      pending: rule.pendingCount,
      total: rule.totalCount,
    };
    if (seen.count > 0 && seen.latest) {
      // Quiet is measured on the counting horizon: events up to `until` are all counted.
      state.lastEventAt = until;
      const detail = describeFailure(seen.latest, deadLetter);
      const link = this.link(seen.latest.flowId, seen.latest.runId);
      if (!rule.firing) {
        notice = {
          kind: 'fired',
          count: seen.count,
          title: `${rule.name}: ${plural(seen.count, noun)}${scope}`,
          detail,
          link,
        };
        Object.assign(state, { firing: true, lastNoticeAt: now, pending: 0, total: seen.count });
      } else {
        state.pending += seen.count;
        state.total += seen.count;
        if (!rule.lastNoticeAt || now.getTime() - rule.lastNoticeAt.getTime() >= quietMs) {
          notice = {
            kind: 'ongoing',
            count: state.pending,
            title: `${rule.name}: ${plural(state.pending, `more ${noun}`, `more ${noun}s`)}${scope} (${state.total} since it fired)`,
            detail: `Latest: ${detail}`,
            link,
          };
          Object.assign(state, { lastNoticeAt: now, pending: 0 });
        }
      }
    } else if (
      rule.firing &&
      (!rule.lastEventAt || until.getTime() - rule.lastEventAt.getTime() >= quietMs)
    ) {
      notice = {
        kind: 'resolved',
        count: state.total,
        title: `Resolved: ${rule.name}`,
        detail: `No new ${noun}s${scope} for ${rule.quietSeconds}s; ${plural(state.total, noun)} in all while it fired.`,
        link: null,
      };
      Object.assign(state, { firing: false, lastNoticeAt: now, pending: 0, total: 0 });
    }
    await tx`update alert_rules set checked_until = ${ts(until)}::timestamptz,
        firing = ${state.firing}, last_event_at = ${ts(state.lastEventAt)}::timestamptz,
        last_notice_at = ${ts(state.lastNoticeAt)}::timestamptz,
        pending_count = ${state.pending}, total_count = ${state.total}
      where id = ${rule.id}`;
    return notice ? this.write(tx, rule, notice) : 0;
  }

  private async levelRule(tx: TransactionSql, rule: RuleRow, now: Date) {
    const reading = await readLevel(tx, rule);
    let notice: (NoticeText & { count: number }) | null = null;
    if (reading.active && !rule.firing) {
      notice = { kind: 'fired', count: 1, title: rule.name, detail: reading.detail, link: null };
    } else if (!reading.active && rule.firing) {
      notice = {
        kind: 'resolved',
        count: rule.totalCount,
        title: `Resolved: ${rule.name}`,
        detail: reading.detail,
        link: null,
      };
    }
    const rounds = reading.active ? rule.totalCount + 1 : 0;
    await tx`update alert_rules set checked_until = ${ts(now)}::timestamptz,
        firing = ${reading.active},
        last_event_at = ${ts(reading.active ? now : rule.lastEventAt)}::timestamptz,
        last_notice_at = ${ts(notice ? now : rule.lastNoticeAt)}::timestamptz,
        total_count = ${rounds}
      where id = ${rule.id}`;
    return notice ? this.write(tx, rule, notice) : 0;
  }

  private async write(tx: TransactionSql, rule: RuleRow, notice: NoticeText & { count: number }) {
    const [row] = await tx<{ id: string }[]>`
      insert into alert_notices (rule_id, kind, count, title, detail, link)
      values (${rule.id}, ${notice.kind}, ${notice.count}, ${notice.title}, ${notice.detail},
              ${notice.link})
      returning id::text`;
    await tx`insert into alert_deliveries (notice_id, channel_id)
      select ${row!.id}::uuid, c.id from alert_channels c where c.id = any(${rule.channelIds}::uuid[])
      on conflict do nothing`;
    return 1;
  }
}
