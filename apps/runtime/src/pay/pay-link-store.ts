/**
 * Pay links and pay page submissions in Postgres: the host side of the pay-link and
 * await-payment nodes (`PayLinks`) and what the page itself reads and writes. The one-time
 * Protect.js tokens are sealed with the runtime's key and dropped once the wait has used them.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { PermanentError } from '@paybridge/engine';
import type {
  IssuedPayLink,
  OpenSubmission,
  PayLinkLine,
  PayLinkRecord,
  PayLinkRequest,
  PayLinks,
  SubmissionOutcome,
} from '@paybridge/nodes/executors';
import type { Sql } from '../db/client';
import { RUNS_CHANNEL } from '../db/queries/run-execution';
import type { KeyRing } from '../secrets/key-ring';
import { openSecret, sealSecret, type SealedValue } from '../secrets/seal';
import { signPayToken } from './pay-token';
import { wakeSuspendedStep } from '../runs/wake-suspended';

/** A link as the page shows it. */
export interface PayLinkView extends PayLinkRecord {
  readonly nodeId: string;
  readonly shopName: string;
  readonly lines: PayLinkLine[];
  readonly expired: boolean;
}

/** A submission as the page shows it. */
export interface SubmissionView {
  readonly id: string;
  readonly status: 'pending' | 'approved' | 'declined';
  readonly reason: string | null;
  readonly transactionId: string | null;
  readonly cardLastFour: string | null;
}

/** What recording a submission did. */
export type SubmitResult =
  | { readonly kind: 'recorded'; readonly submissionId: string }
  /** Another submission of the link is being charged, or was approved. */
  | { readonly kind: 'taken'; readonly existing: SubmissionView };

interface LinkRow {
  id: string;
  run_id: string;
  node_id: string;
  connection_id: string;
  order_ref: string;
  amount_minor: string | number;
  currency: string;
  shop_name: string;
  lines: PayLinkLine[];
  expires_at: Date | string;
  expired_at: Date | string | null;
}

interface SubmissionRow {
  id: string;
  status: SubmissionView['status'];
  tokens: SealedValue | null;
  reason: string | null;
  transaction_id: string | null;
  card_last_four: string | null;
}

const LINK_COLUMNS = `id::text, run_id::text, node_id, connection_id::text, order_ref, amount_minor,
  currency, shop_name, lines, expires_at, expired_at`;

function toView(row: LinkRow): PayLinkView {
  return {
    id: row.id,
    runId: row.run_id,
    nodeId: row.node_id,
    connectionId: row.connection_id,
    orderRef: row.order_ref,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    shopName: row.shop_name,
    lines: row.lines,
    expiresAt: new Date(row.expires_at),
    expired: row.expired_at !== null,
  };
}

function submissionView(row: SubmissionRow): SubmissionView {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    transactionId: row.transaction_id,
    cardLastFour: row.card_last_four,
  };
}

/** Where a submission's tokens are sealed: bound to the link's connection and the submission. */
function place(connectionId: string, submissionId: string) {
  return { connectionId, field: `pay-submission:${submissionId}` };
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

/** Pay links over Postgres; one per runtime process. */
export class PayLinkStore implements PayLinks {
  constructor(
    private readonly sql: Sql,
    private readonly ring: KeyRing,
    /** Base URL the shopper reaches this runtime at (`PAYBRIDGE_PUBLIC_URL`, else its own). */
    private readonly publicUrl: () => string | null,
  ) {}

  async issue(request: PayLinkRequest): Promise<IssuedPayLink> {
    const base = this.publicUrl()?.replace(/\/+$/, '');
    if (!base) {
      throw new PermanentError(
        'PAY_PAGE_NO_PUBLIC_URL',
        'Set PAYBRIDGE_PUBLIC_URL: a pay link needs the URL shoppers reach this runtime at',
      );
    }
    const [row] = await this.sql.unsafe<LinkRow[]>(
      `with ins as (
         insert into pay_links (run_id, node_id, connection_id, order_ref, amount_minor, currency,
                                shop_name, lines, expires_at)
         values ($1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8::jsonb, $9::timestamptz)
         on conflict (run_id, node_id) do nothing
         returning ${LINK_COLUMNS})
       select * from ins
       union all
       select ${LINK_COLUMNS} from pay_links where run_id = $1::uuid and node_id = $2
       limit 1`,
      [
        request.runId,
        request.nodeId,
        request.connectionId,
        request.orderRef,
        request.amountMinor,
        request.currency,
        request.shopName,
        JSON.stringify(request.lines),
        request.expiresAt.toISOString(),
      ],
    );
    const link = toView(row as LinkRow);
    const token = await signPayToken(this.ring, {
      l: link.id,
      r: link.runId,
      n: link.nodeId,
      o: link.orderRef,
      a: link.amountMinor,
      c: link.currency,
      e: Math.floor(link.expiresAt.getTime() / 1000),
    });
    return { linkId: link.id, url: `${base}/pay/${token}`, expiresAt: link.expiresAt };
  }

  async link(linkId: string): Promise<PayLinkView | null> {
    const [row] = await this.sql.unsafe<LinkRow[]>(
      `select ${LINK_COLUMNS} from pay_links where id = $1::uuid`,
      [linkId],
    );
    return row ? toView(row) : null;
  }

  async openSubmission(linkId: string): Promise<OpenSubmission | null> {
    const [row] = await this.sql.unsafe<(SubmissionRow & { connection_id: string })[]>(
      `select s.id::text, s.status, s.tokens, s.reason, s.transaction_id, s.card_last_four,
              l.connection_id::text
       from pay_submissions s join pay_links l on l.id = s.link_id
       where s.link_id = $1::uuid and s.status in ('pending', 'approved')
       order by (s.status = 'approved') desc, s.created_at limit 1`,
      [linkId],
    );
    if (!row) return null;
    if (row.status === 'approved' || row.tokens === null) return { id: row.id, status: 'approved' };
    const opened = JSON.parse(
      await openSecret(this.ring, place(row.connection_id, row.id), row.tokens),
    ) as { hpfToken: string; encKey: string };
    return { id: row.id, status: 'pending', hpfToken: opened.hpfToken, encKey: opened.encKey };
  }

  async settle(submissionId: string, outcome: SubmissionOutcome): Promise<void> {
    const approved = outcome.status === 'approved';
    await this.sql.unsafe(
      `with upd as (
         update pay_submissions set status = $2, tokens = null, settled_at = now(),
           reason = $3, transaction_id = $4, card_last_four = $5
         where id = $1::uuid and status = 'pending'
         returning link_id)
       select pg_notify('${RUNS_CHANNEL}', l.run_id::text)
       from upd join pay_links l on l.id = upd.link_id`,
      [
        submissionId,
        outcome.status,
        approved ? null : outcome.reason,
        approved ? outcome.transactionId : null,
        approved ? outcome.cardLastFour : null,
      ],
    );
  }

  async expire(linkId: string): Promise<void> {
    await this.sql.unsafe(
      `with upd as (
         update pay_links set expired_at = now() where id = $1::uuid and expired_at is null
         returning run_id)
       select pg_notify('${RUNS_CHANNEL}', run_id::text) from upd`,
      [linkId],
    );
  }

  /**
   * Records what the page posted, unless another submission of the link is pending or approved
   * (two tabs at once: one row). The tokens are sealed before they are stored.
   */
  async submit(
    link: PayLinkView,
    tokens: { hpfToken: string; encKey: string },
  ): Promise<SubmitResult> {
    const id = randomUUID();
    const sealed = await sealSecret(
      this.ring,
      place(link.connectionId, id),
      JSON.stringify(tokens),
    );
    try {
      await this.sql.unsafe(
        `insert into pay_submissions (id, link_id, tokens) values ($1::uuid, $2::uuid, $3::jsonb)`,
        [id, link.id, JSON.stringify(sealed)],
      );
      return { kind: 'recorded', submissionId: id };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const existing = await this.openView(link.id);
      if (!existing) throw err;
      return { kind: 'taken', existing };
    }
  }

  /** The pending or approved submission of a link, for the page. */
  async openView(linkId: string): Promise<SubmissionView | null> {
    const [row] = await this.sql.unsafe<SubmissionRow[]>(
      `select id::text, status, null as tokens, reason, transaction_id, card_last_four
       from pay_submissions where link_id = $1::uuid and status in ('pending', 'approved')
       order by (status = 'approved') desc limit 1`,
      [linkId],
    );
    return row ? submissionView(row) : null;
  }

  /** The latest submission of a link, whatever its state. */
  async latest(linkId: string): Promise<SubmissionView | null> {
    const [row] = await this.sql.unsafe<SubmissionRow[]>(
      `select id::text, status, null as tokens, reason, transaction_id, card_last_four
       from pay_submissions where link_id = $1::uuid
       order by (status = 'approved') desc, created_at desc limit 1`,
      [linkId],
    );
    return row ? submissionView(row) : null;
  }

  /** One submission, for the page waiting on it. */
  async submission(id: string): Promise<SubmissionView | null> {
    const [row] = await this.sql.unsafe<SubmissionRow[]>(
      `select id::text, status, null as tokens, reason, transaction_id, card_last_four
       from pay_submissions where id = $1::uuid`,
      [id],
    );
    return row ? submissionView(row) : null;
  }

  /**
   * Wakes the run waiting on the link now: its suspended wait step becomes due and the run's job
   * runs at once. Harmless when the run is not waiting (it is executing, or already moved on).
   */
  async wake(link: PayLinkView): Promise<void> {
    await wakeSuspendedStep(this.sql, link.runId, 'linkId', link.id);
  }
}
