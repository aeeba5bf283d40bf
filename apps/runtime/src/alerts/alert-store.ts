import { ConnectionError, type ConnectionStore } from '../connections/connection-store';
import type { Sql } from '../db/client';
import { ApiError } from '../http/api-error';
import { flowOf, paramsOf, type RuleInput, type RuleKind } from './rule-kinds';

/** A channel as the API shows it: never the webhook URL (a secret), only whether it is set. */
export interface ChannelView {
  id: string;
  name: string;
  kind: 'email' | 'webhook';
  connectionId: string | null;
  connectionName: string | null;
  recipients: string[];
  builtin: boolean;
  createdAt: string;
}

export interface RuleView {
  id: string;
  name: string;
  kind: RuleKind;
  flowId: string | null;
  flowName: string | null;
  params: Record<string, number>;
  quietSeconds: number;
  channelIds: string[];
  enabled: boolean;
  builtin: boolean;
  firing: boolean;
  createdAt: string;
}

export interface NoticeView {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: 'fired' | 'ongoing' | 'resolved';
  count: number;
  title: string;
  detail: string;
  link: string | null;
  createdAt: string;
  deliveries: { channelId: string; sent: boolean; attempts: number; lastError: string | null }[];
}

/** Channel input as typed: email needs an smtp connection and recipients, webhook a URL. */
export type ChannelInput =
  | { kind: 'email'; name: string; connectionId: string; recipients: string[] }
  | { kind: 'webhook'; name: string; url: string };

const iso = (d: Date | string) => new Date(d).toISOString();

const CHANNELS = `
select c.id::text, c.name, c.kind, c.connection_id::text as "connectionId",
       k.name as "connectionName", c.recipients, c.builtin, c.created_at as "createdAt"
from alert_channels c left join connections k on k.id = c.connection_id`;

const RULES = `
select r.id::text, r.name, r.kind, r.flow_id::text as "flowId", f.name as "flowName", r.params,
       r.quiet_seconds as "quietSeconds", r.channel_ids::text[] as "channelIds", r.enabled,
       r.builtin, r.firing, r.created_at as "createdAt"
from alert_rules r left join flows f on f.id = r.flow_id`;

function connectionProblem(err: unknown): never {
  if (err instanceof ConnectionError) {
    throw new ApiError(
      err.kind === 'not-found' ? 404 : 400,
      'VALIDATION_FAILED',
      err.issues.length > 0
        ? err.issues.map((i) => `${i.path === 'url' ? 'url' : i.path}: ${i.message}`).join('; ')
        : err.message,
    );
  }
  throw err;
}

/**
 * Alert channels, rules and history in Postgres. A webhook channel's URL lives in an
 * `alert.webhook` connection, so it is sealed, write-only and rotated like every other secret.
 */
/** The built-in channel and rule follow `PAYBRIDGE_ALERT_WEBHOOK_URL`; the API never changes them. */
function refuseBuiltin(what: 'channel' | 'rule', row: { builtin: boolean }): void {
  if (row.builtin) {
    throw new ApiError(
      409,
      what === 'channel' ? 'CHANNEL_BUILTIN' : 'RULE_BUILTIN',
      `The built-in ${what} is set by PAYBRIDGE_ALERT_WEBHOOK_URL`,
    );
  }
}

export class AlertStore {
  constructor(
    private readonly sql: Sql,
    private readonly connections: ConnectionStore,
  ) {}

  async listChannels(): Promise<ChannelView[]> {
    // The built-in channel shows only while PAYBRIDGE_ALERT_WEBHOOK_URL turns its rule on.
    const rows = await this.sql.unsafe<ChannelView[]>(
      `${CHANNELS} where not c.builtin
         or exists (select 1 from alert_rules r where r.builtin and r.enabled)
       order by c.builtin desc, lower(c.name)`,
    );
    return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
  }

  async channel(id: string): Promise<ChannelView> {
    const [row] = await this.sql.unsafe<ChannelView[]>(`${CHANNELS} where c.id = $1`, [id]);
    if (!row) throw new ApiError(404, 'CHANNEL_NOT_FOUND', `No alert channel with id ${id}`);
    return { ...row, createdAt: iso(row.createdAt) };
  }

  private async checkSmtp(connectionId: string) {
    const [row] = await this.sql<{ type: string }[]>`
      select type from connections where id = ${connectionId} and deleted_at is null`;
    if (row?.type !== 'smtp') {
      throw new ApiError(400, 'VALIDATION_FAILED', 'connectionId: not an SMTP connection');
    }
  }

  async createChannel(input: ChannelInput, createdBy: string | null): Promise<ChannelView> {
    let connectionId: string;
    let recipients: string[] = [];
    if (input.kind === 'email') {
      await this.checkSmtp(input.connectionId);
      connectionId = input.connectionId;
      recipients = input.recipients;
    } else {
      const made = await this.connections
        .create(
          {
            type: 'alert.webhook',
            name: `Alert channel: ${input.name}`,
            values: { url: input.url },
          },
          createdBy,
        )
        .catch(connectionProblem);
      connectionId = made.id;
    }
    const [row] = await this.sql<{ id: string }[]>`
      insert into alert_channels (name, kind, connection_id, recipients)
      values (${input.name}, ${input.kind}, ${connectionId}, ${recipients})
      returning id::text`;
    return this.channel(row!.id);
  }

  async updateChannel(
    id: string,
    input: {
      name?: string | undefined;
      recipients?: string[] | undefined;
      connectionId?: string | undefined;
      url?: string | undefined;
    },
  ): Promise<ChannelView> {
    const current = await this.channel(id);
    refuseBuiltin('channel', current);
    let connectionId = current.connectionId;
    if (current.kind === 'email' && input.connectionId) {
      await this.checkSmtp(input.connectionId);
      connectionId = input.connectionId;
    }
    if (current.kind === 'webhook' && current.connectionId && (input.url || input.name)) {
      await this.connections
        .update(current.connectionId, {
          ...(input.name ? { name: `Alert channel: ${input.name}` } : {}),
          ...(input.url ? { values: { url: input.url } } : {}),
        })
        .catch(connectionProblem);
    }
    await this.sql`update alert_channels set name = ${input.name ?? current.name},
        recipients = ${current.kind === 'email' ? (input.recipients ?? current.recipients) : []},
        connection_id = ${connectionId}, updated_at = now()
      where id = ${id}`;
    return this.channel(id);
  }

  async deleteChannel(id: string): Promise<void> {
    const current = await this.channel(id);
    refuseBuiltin('channel', current);
    await this.sql.begin(async (tx) => {
      await tx`update alert_rules set channel_ids = array_remove(channel_ids, ${id}::uuid)
        where ${id}::uuid = any(channel_ids)`;
      await tx`delete from alert_channels where id = ${id}`;
    });
    if (current.kind === 'webhook' && current.connectionId) {
      await this.connections.delete(current.connectionId).catch(() => undefined);
    }
  }

  async listRules(): Promise<RuleView[]> {
    const rows = await this.sql.unsafe<RuleView[]>(
      `${RULES} where not r.builtin or r.enabled order by r.builtin desc, lower(r.name)`,
    );
    return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
  }

  async rule(id: string): Promise<RuleView> {
    const [row] = await this.sql.unsafe<RuleView[]>(`${RULES} where r.id = $1`, [id]);
    if (!row) throw new ApiError(404, 'RULE_NOT_FOUND', `No alert rule with id ${id}`);
    return { ...row, createdAt: iso(row.createdAt) };
  }

  private async checkRule(input: RuleInput) {
    const flowId = flowOf(input);
    if (flowId) {
      const [flow] = await this
        .sql`select 1 from flows where id = ${flowId} and deleted_at is null`;
      if (!flow) throw new ApiError(400, 'VALIDATION_FAILED', `flowId: no flow with id ${flowId}`);
    }
    const ids = [...new Set(input.channelIds)];
    const found = await this.sql<{ id: string }[]>`
      select id::text from alert_channels where id = any(${ids}::uuid[])`;
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        `channelIds: no channel with id ${missing.join(', ')}`,
      );
    }
    return { flowId, ids };
  }

  async createRule(input: RuleInput): Promise<RuleView> {
    const { flowId, ids } = await this.checkRule(input);
    const [row] = await this.sql<{ id: string }[]>`
      insert into alert_rules (name, kind, flow_id, params, quiet_seconds, channel_ids, checked_until)
      values (${input.name}, ${input.kind}, ${flowId}, ${JSON.stringify(paramsOf(input))}::jsonb,
              ${input.quietSeconds}, ${ids}::uuid[], now())
      returning id::text`;
    return this.rule(row!.id);
  }

  async updateRule(
    id: string,
    input: RuleInput & { enabled?: boolean | undefined },
  ): Promise<RuleView> {
    const current = await this.rule(id);
    refuseBuiltin('rule', current);
    const { flowId, ids } = await this.checkRule(input);
    // A changed condition starts over: counting from now, not firing.
    const same = current.kind === input.kind && current.flowId === flowId;
    await this.sql`update alert_rules set name = ${input.name}, kind = ${input.kind},
        flow_id = ${flowId}, params = ${JSON.stringify(paramsOf(input))}::jsonb,
        quiet_seconds = ${input.quietSeconds}, channel_ids = ${ids}::uuid[],
        enabled = ${input.enabled ?? current.enabled}, updated_at = now(),
        firing = case when ${same} then firing else false end,
        checked_until = case when ${same} then checked_until else now() end,
        pending_count = case when ${same} then pending_count else 0 end,
        total_count = case when ${same} then total_count else 0 end
      where id = ${id}`;
    return this.rule(id);
  }

  async deleteRule(id: string): Promise<void> {
    const current = await this.rule(id);
    refuseBuiltin('rule', current);
    await this.sql`delete from alert_rules where id = ${id}`;
  }

  /** Newest notices first, each with how its deliveries went. */
  async history(opts: { limit: number; ruleId?: string | undefined }): Promise<NoticeView[]> {
    const rows = await this.sql<(Omit<NoticeView, 'createdAt'> & { createdAt: Date })[]>`
      select n.id::text, n.rule_id::text as "ruleId", r.name as "ruleName", n.kind, n.count,
             n.title, n.detail, n.link, n.created_at as "createdAt",
             coalesce((select json_agg(json_build_object('channelId', d.channel_id,
                        'sent', d.sent_at is not null, 'attempts', d.attempts,
                        'lastError', d.last_error) order by d.created_at)
                       from alert_deliveries d where d.notice_id = n.id), '[]') as deliveries
      from alert_notices n join alert_rules r on r.id = n.rule_id
      where (${opts.ruleId ?? null}::uuid is null or n.rule_id = ${opts.ruleId ?? null}::uuid)
      order by n.created_at desc
      limit ${opts.limit}`;
    return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
  }

  /** The error flow of a flow (or null). */
  async errorFlow(
    flowId: string,
  ): Promise<{ errorFlowId: string | null; errorFlowName: string | null }> {
    const [row] = await this.sql<{ errorFlowId: string | null; errorFlowName: string | null }[]>`
      select f.error_flow_id::text as "errorFlowId", e.name as "errorFlowName"
      from flows f left join flows e on e.id = f.error_flow_id
      where f.id = ${flowId} and f.deleted_at is null`;
    if (!row) throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${flowId}`);
    return row;
  }

  /** Names the flow to run when one of `flowId`'s runs fails for good; null clears it. */
  async setErrorFlow(flowId: string, errorFlowId: string | null) {
    await this.errorFlow(flowId);
    if (errorFlowId === flowId) {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        'errorFlowId: a flow cannot be its own error flow',
      );
    }
    if (errorFlowId) {
      const [target] = await this.sql`
        select 1 from flows where id = ${errorFlowId} and deleted_at is null`;
      if (!target) {
        throw new ApiError(400, 'VALIDATION_FAILED', `errorFlowId: no flow with id ${errorFlowId}`);
      }
    }
    await this.sql`update flows set error_flow_id = ${errorFlowId},
        error_flow_set_at = case when ${errorFlowId}::uuid is null then null else now() end
      where id = ${flowId}`;
    return this.errorFlow(flowId);
  }

  /** Every flow's error flow, for the settings page. */
  async errorFlows(): Promise<{ flowId: string; flowName: string; errorFlowId: string | null }[]> {
    return this.sql`
      select id::text as "flowId", name as "flowName", error_flow_id::text as "errorFlowId"
      from flows where deleted_at is null order by lower(name)`;
  }
}
