import type { z } from '@hono/zod-openapi';
import { erpDocumentNumber, type ErpSystem } from '@paybridge/nodes/erp';
import type { Sql } from '../db/client';
import { relatedRunRows, runEffectRows } from '../db/queries/run-relations';
import type {
  HttpExchange,
  RelatedRun,
  RunDocument,
  RunErpDocument,
  RunNodeSummary,
} from '../http/run-schemas';

interface StepLike {
  nodeId: string;
  nodeType: string;
  attempt: number;
  status: string;
  input: unknown;
  error: unknown;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  resumeAt: string | null;
}

/**
 * Per node, over its steps in execution order: the latest status, the attempts, the time spent
 * and the next attempt of a node waiting for its retry. What the run view paints on the canvas.
 */
export function nodeSummaries(steps: readonly StepLike[]): z.infer<typeof RunNodeSummary>[] {
  const byNode = new Map<string, z.infer<typeof RunNodeSummary>>();
  for (const s of steps) {
    const prior = byNode.get(s.nodeId);
    const code = errorField(s.error, 'code');
    byNode.set(s.nodeId, {
      nodeId: s.nodeId,
      nodeType: s.nodeType,
      status: s.status,
      attempts: Math.max(prior?.attempts ?? 0, s.attempt),
      durationMs: (prior?.durationMs ?? 0) + s.durationMs,
      startedAt: prior?.startedAt ?? s.startedAt,
      finishedAt: s.finishedAt,
      nextAttemptAt: s.status === 'retrying' || s.status === 'suspended' ? s.resumeAt : null,
      errorCode: code,
    });
  }
  return [...byNode.values()];
}

function errorField(error: unknown, field: string): string | null {
  if (error === null || typeof error !== 'object') return null;
  const v = (error as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : null;
}

const BODY_LIMIT = 4096;

/**
 * The HTTP exchange a connector call's error carries: the status and answer body the connector
 * put in its details, the method and target from the node's config when they are literals. Built from the step as the
 * caller may see it (after redaction), so withheld data stays withheld; a query string is never
 * shown (keys travel there).
 */
export function httpExchangeOf(
  step: StepLike,
  config: unknown,
): z.infer<typeof HttpExchange> | null {
  const error = step.error;
  if (error === null || typeof error !== 'object') return null;
  const details = (error as { details?: unknown }).details;
  if (details === null || typeof details !== 'object') return null;
  const d = details as Record<string, unknown>;
  const status = typeof d.status === 'number' && Number.isInteger(d.status) ? d.status : null;
  const host = typeof d.host === 'string' ? d.host : null;
  if (status === null && host === null) return null;
  // The request as configured: literal values only (an expression's value is not known here).
  const input =
    config !== null && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  const literal = (v: unknown) => (typeof v === 'string' && !v.startsWith('=') ? v : null);
  const method = literal(input.method)?.toUpperCase() ?? null;
  let target = host;
  const configured = literal(input.url);
  if (configured !== null) {
    try {
      const url = new URL(configured);
      target = `${url.host}${url.pathname}`;
    } catch {
      // Not a URL (an expression that failed): keep the host.
    }
  }
  let responseBody: string | null = null;
  if (d.body !== undefined) {
    const text = typeof d.body === 'string' ? d.body : JSON.stringify(d.body);
    responseBody = text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}…` : text;
  }
  return { method, target, status, responseBody };
}

/**
 * The other runs of a run's event and its replay chain, both ways: the run it replays, the runs
 * replaying it, and the other runs of the same event (other flows, earlier replays). Bounded.
 */
export async function relatedRuns(
  sql: Sql,
  run: { id: string; eventId: string; parentRunId: string | null },
): Promise<z.infer<typeof RelatedRun>[]> {
  const rows = await relatedRunRows(sql, run);
  return rows.map((r) => ({
    id: r.id,
    relation: r.id === run.parentRunId ? 'parent' : r.parent === run.id ? 'child' : 'sibling',
    flowId: r.flow_id,
    status: r.status,
    operatorStatus: r.op,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** The connector of an effect: from the node that made it, else from its business key. */
function kindOf(nodeType: string | undefined, key: string): z.infer<typeof RunDocument>['kind'] {
  const prefix = nodeType?.split('.')[0] ?? key.replace(/^biz:/, '').split(':')[0];
  if (prefix === 'paytrace') return 'paytrace-transaction';
  if (prefix === 'shopify') return 'shopify';
  if (prefix === 'erp') return 'erp-document';
  return 'other';
}

/** `biz:erp:<connection>:<type>:ref:<reference>`: a posting keyed by its document reference. */
const ERP_KEY = /^biz:erp:([^:]+):([^:]+):ref:([^#]+)/;

function text(record: Record<string, unknown>, field: string): string | null {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The ERP document an ERP node's effect posted or found, as the ERP shows it: its kind and its
 * number there (see `erpDocumentNumber`), from the document recorded with the outcome, else
 * (still pending) from the reference in the business key. Which ERP: the key's connection
 * (`built-in` for the ledger), else the node's `connectionId` (none: the built-in ledger).
 * Null when neither says which document it is.
 */
export function erpDocumentOf(
  effect: { business_key: string; document: unknown },
  config: unknown,
): z.infer<typeof RunErpDocument> | null {
  const key = ERP_KEY.exec(effect.business_key);
  const doc =
    effect.document !== null && typeof effect.document === 'object'
      ? (effect.document as Record<string, unknown>)
      : {};
  const type = text(doc, 'type') ?? key?.[2] ?? null;
  const reference = text(doc, 'externalRef') ?? key?.[3] ?? null;
  if (type === null || reference === null) return null;
  const configured =
    config !== null && typeof config === 'object'
      ? (config as Record<string, unknown>)['connectionId']
      : undefined;
  const system: ErpSystem = key
    ? key[1] === 'built-in'
      ? 'built-in'
      : 'quickbooks'
    : typeof configured === 'string' && configured !== ''
      ? 'quickbooks'
      : 'built-in';
  const name = text(doc, 'name');
  return {
    system,
    type,
    number: erpDocumentNumber(system, { type, externalRef: reference, name }),
    reference,
    name: type === 'customer' ? name : null,
  };
}

/**
 * What a run's effects created or found: its effect records (claimed or settled by it, or
 * recorded for its flow and event, which replays share). An ERP posting says which document it
 * is where the ERP shows it; one in the built-in ledger links to the ledger's lookup.
 */
export async function runDocuments(
  sql: Sql,
  run: { id: string; flowId: string; eventId: string },
  nodeTypes: ReadonlyMap<string, string>,
  configs: ReadonlyMap<string, unknown> = new Map(),
): Promise<z.infer<typeof RunDocument>[]> {
  const rows = await runEffectRows(sql, run);
  return rows.map((r) => {
    const kind = kindOf(nodeTypes.get(r.node_id), r.business_key);
    const order = /:order:([^:#]+)/.exec(r.business_key)?.[1] ?? null;
    const custom = ERP_KEY.exec(r.business_key);
    const erp = kind === 'erp-document' ? erpDocumentOf(r, configs.get(r.node_id)) : null;
    return {
      kind,
      operation: r.operation ?? (custom ? (custom[2] ?? null) : null),
      nodeId: r.node_id,
      status: r.status,
      remoteId: r.remote_id,
      reference: r.reference,
      shopifyOrderId: order,
      amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
      ledger: custom && custom[1] === 'built-in' ? { type: custom[2]!, ref: custom[3]! } : null,
      erp,
      foundExisting: r.run_id !== run.id && r.settled_by_run !== run.id,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}
