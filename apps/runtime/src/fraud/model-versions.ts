/**
 * Fraud model versions: retraining on the merchant's labelled scores, the versions kept, which one
 * scores, and switching back. The one home of this for `paybridge fraud train|models|activate`
 * and `/api/fraud/models`; `fraud.score` reads the active model through {@link activeModelReader}.
 *
 * @module
 */
import {
  defaultModel,
  parseModelArtefact,
  retrain,
  type Figures,
  type LabelledExample,
  type ModelArtefact,
} from '@paybridge/fraud';
import { instantToIso } from '@paybridge/nodes/erp';
import type { Sql } from '../db/client';

/** The name that always means the shipped model, whatever its version string. */
export const SHIPPED = 'shipped';

/** Why a train or an activation was refused, for the CLI (exit 1) and the API (4xx). */
export class ModelVersionError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'ModelVersionError';
  }
}

export interface ModelVersion {
  version: string;
  /** True for the model that ships with Paybridge (never stored). */
  shipped: boolean;
  active: boolean;
  /** The candidate's and the replaced model's figures on the held-out period at training. */
  figures: { candidate: Figures; live: Figures; liveVersion: string } | null;
  createdAt: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
}

/**
 * Process-wide count of switches, so a switch made through this process's API is seen by its
 * scorers at once; a switch made elsewhere (the CLI) is seen within {@link MODEL_CACHE_MS}.
 */
let generation = 0;
export const MODEL_CACHE_MS = 5000;

interface ModelRow {
  version: string;
  artefact: unknown;
  figures: ModelVersion['figures'];
  active: boolean;
  created_at: Date;
  activated_at: Date | null;
  activated_by: string | null;
}

/** The stored active artefact, or the shipped model when none is active (or it is unreadable). */
async function readActive(sql: Sql): Promise<ModelArtefact> {
  const [row] = await sql<{ artefact: unknown }[]>`
    select artefact from fraud_models where active`;
  if (!row) return defaultModel();
  try {
    return parseModelArtefact(row.artefact);
  } catch {
    // A version made for another artefact format (an older Paybridge) cannot be evaluated: score
    // with the shipped model rather than fail every order; the score's version says which.
    return defaultModel();
  }
}

/**
 * The active model for scoring, cached briefly: a score per order must not cost a query, and a
 * switch must reach the scorers within seconds.
 */
export function activeModelReader(sql: Sql, now: () => number = Date.now) {
  let cached: { model: ModelArtefact; at: number; generation: number } | null = null;
  return async (): Promise<ModelArtefact> => {
    const t = now();
    if (cached && cached.generation === generation && t - cached.at < MODEL_CACHE_MS)
      return cached.model;
    const model = await readActive(sql);
    cached = { model, at: t, generation };
    return model;
  };
}

/** The shipped model first, then the retrained versions, newest first. */
export async function listModels(sql: Sql): Promise<ModelVersion[]> {
  const rows = await sql<ModelRow[]>`
    select version, artefact, figures, active, created_at, activated_at, activated_by
    from fraud_models order by created_at desc, id desc`;
  const shipped = defaultModel();
  return [
    {
      version: shipped.version,
      shipped: true,
      active: !rows.some((r) => r.active),
      figures: null,
      createdAt: null,
      activatedAt: null,
      activatedBy: null,
    },
    ...rows.map((r) => ({
      version: r.version,
      shipped: false,
      active: r.active,
      figures: r.figures,
      createdAt: new Date(r.created_at).toISOString(),
      activatedAt: r.activated_at ? new Date(r.activated_at).toISOString() : null,
      activatedBy: r.activated_by,
    })),
  ];
}

/** Serialises switches (train's and activate's) so "the live model" stays the one compared. */
const lockSwitches = (tx: Sql) => tx`select pg_advisory_xact_lock(hashtext('fraud_models'))`;

/**
 * Makes `version` the scoring model (`shipped`, or the shipped version's name, switches back to
 * the shipped model). Unknown versions are refused.
 */
export async function activateModel(sql: Sql, version: string, by: string): Promise<ModelVersion> {
  const toShipped = version === SHIPPED || version === defaultModel().version;
  await sql.begin(async (t) => {
    const tx = t as unknown as Sql;
    await lockSwitches(tx);
    if (!toShipped) {
      const [row] = await tx<{ artefact: unknown }[]>`
        select artefact from fraud_models where version = ${version}`;
      if (!row)
        throw new ModelVersionError(
          'NOT_FOUND',
          `No fraud model version ${version}; \`paybridge fraud models\` lists them`,
        );
      try {
        parseModelArtefact(row.artefact);
      } catch (err) {
        throw new ModelVersionError(
          'INVALID',
          `Fraud model ${version} cannot be used by this Paybridge: ${(err as Error).message}`,
        );
      }
    }
    await tx`update fraud_models set active = false where active`;
    if (!toShipped)
      await tx`
        update fraud_models set active = true, activated_at = now(), activated_by = ${by}
        where version = ${version}`;
  });
  generation += 1;
  const models = await listModels(sql);
  return models.find((m) => m.active)!;
}

/**
 * How long after its capture an order can still be disputed: once this has passed without a
 * chargeback, the order is a legitimate label. Card networks give cardholders 120 days from the
 * transaction for most fraud reason codes, hence the default.
 */
export const DISPUTE_WINDOW_DAYS = 120;

/** Where a label comes from, as `paybridge fraud train` and the retrain answer count them. */
export const LABEL_SOURCES = [
  'chargeback',
  'review-rejected',
  'review-approved',
  'dispute-window',
  'other',
] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

/** How many labels one source gave, of one class. */
export interface LabelSourceCount {
  source: LabelSource;
  label: 'fraud' | 'legitimate';
  count: number;
}

/** A labelled example with where its label came from. */
export type SourcedExample = LabelledExample & { source: LabelSource };

function sourceOf(label: 'fraud' | 'legitimate', stored: string | null): LabelSource {
  if (stored === 'dispute-window') return 'dispute-window';
  if (stored === 'chargeback') return 'chargeback';
  if (stored?.startsWith('review'))
    return label === 'fraud' ? 'review-rejected' : 'review-approved';
  return 'other';
}

/** The count of each source and class present, in {@link LABEL_SOURCES} order. */
export function countBySource(examples: readonly SourcedExample[]): LabelSourceCount[] {
  const counts: LabelSourceCount[] = [];
  for (const source of LABEL_SOURCES) {
    for (const label of ['fraud', 'legitimate'] as const) {
      const count = examples.filter((x) => x.source === source && x.label === label).length;
      if (count > 0) counts.push({ source, label, count });
    }
  }
  return counts;
}

/**
 * The latest score of each labelled order, as the scorer saw it, oldest first: the stored labels
 * (fraud chargebacks, review decisions), and as legitimate every unlabelled order captured (or
 * sold) at least `disputeWindowDays` before `now` that no chargeback names. Captures are read
 * from the effect records, set-based (one hash join, not a lookup per order).
 */
export async function loadLabelledExamples(
  sql: Sql,
  options: { now?: Date; disputeWindowDays?: number } = {},
): Promise<SourcedExample[]> {
  const now = options.now ?? new Date();
  const days = options.disputeWindowDays ?? DISPUTE_WINDOW_DAYS;
  const rows = await sql<
    {
      order_json: LabelledExample['order'];
      payment_check: LabelledExample['check'];
      history: LabelledExample['history'];
      ip_country: string | null;
      label: 'fraud' | 'legit';
      label_source: string | null;
    }[]
  >`
    with latest as (
      select distinct on (order_id) order_id, order_json, payment_check, history, ip_country,
        label, label_source, created_at
      from fraud_scores
      order by order_id, label is null, created_at desc),
    captured as (
      select substring(business_key from ':order:([^:#]+)') as order_id
      from effect_records
      where operation in ('capture', 'sale') and status = 'settled'
        and outcome ->> 'status' = 'approved'
      group by 1
      having min(created_at) <= ${now}::timestamptz - make_interval(days => ${days}))
    select order_json, payment_check, history, ip_country, label, label_source, created_at
    from latest where label is not null
    union all
    select l.order_json, l.payment_check, l.history, l.ip_country, 'legit', 'dispute-window',
      l.created_at
    from latest l join captured c on c.order_id = l.order_id
    where l.label is null
      and not exists (select 1 from dispute_cases d
        where d.order_ref = l.order_id and d.kind = 'chargeback')
      and not exists (select 1 from fraud_attempts a
        where a.order_id = l.order_id and a.chargeback_at is not null)
    order by created_at`;
  return rows.map((r) => {
    const label = r.label === 'fraud' ? 'fraud' : 'legitimate';
    return {
      order: r.order_json,
      check: r.payment_check,
      history: r.history,
      ipCountry: r.ip_country,
      label,
      source: sourceOf(label, r.label_source),
    };
  });
}

export type TrainOutcome =
  | {
      outcome: 'refused';
      reason: string;
      labels: { fraud: number; legitimate: number };
      labelSources: LabelSourceCount[];
      timeZone: string;
      live: string;
    }
  | {
      outcome: 'switched' | 'kept';
      candidate: string;
      live: string;
      figures: { candidate: Figures; live: Figures };
      labelSources: LabelSourceCount[];
      /** The store's zone the features were computed in and the times below are written in. */
      timeZone: string;
      trainedOn: { fraud: number; legitimate: number; before: string };
      heldOut: { fraud: number; legitimate: number; from: string };
    };

/** Instant `ms` written in `zone`'s offset, to the millisecond (the time split is exact). */
function localInstant(ms: number, zone: string): string {
  const seconds = instantToIso(ms - (ms % 1000), zone);
  const millis = ms % 1000;
  if (millis === 0) return seconds;
  const at = seconds.search(/(Z|[+-]\d\d:\d\d)$/);
  return `${seconds.slice(0, at)}.${String(millis).padStart(3, '0')}${seconds.slice(at)}`;
}

/**
 * The merchant's time zone for retraining: the store time zone the live flows' Fraud score
 * steps compute the time-of-day signal in (the most used one), so a retrained model reads hours
 * as the scorer does; `fallback` (the ledger's zone) when no live flow scores orders.
 */
export async function merchantTimeZone(sql: Sql, fallback: string): Promise<string> {
  const [row] = await sql<{ zone: string }[]>`
    select coalesce(n -> 'config' ->> 'storeTimeZone', 'UTC') as zone
    from active_triggers a
    join flow_versions v on v.id = a.version_id
    cross join lateral jsonb_array_elements(v.graph -> 'nodes') n
    where n ->> 'type' = 'fraud.score'
    group by 1 order by count(*) desc, 1 limit 1`;
  return row?.zone ?? fallback;
}

/**
 * Retrains on every labelled score with the shipped model as prior, compares with the active
 * model on the most recent labels, and switches to the candidate (kept as a new version) only
 * when it is better. A switch by someone else meanwhile is not overwritten: the comparison was
 * against a model that no longer scores, so the train is refused (CONFLICT) to be run again.
 * Features are computed in the store's time zone, and the answer's times are written in it.
 */
export async function trainModel(
  sql: Sql,
  options: { by: string; storeTimeZone: string; now?: Date; disputeWindowDays?: number },
): Promise<TrainOutcome> {
  const now = options.now ?? new Date();
  const zone = options.storeTimeZone;
  const live = await readActive(sql);
  const labelled = await loadLabelledExamples(sql, {
    now,
    disputeWindowDays: options.disputeWindowDays,
  });
  const labelSources = countBySource(labelled);
  const result = retrain({
    prior: defaultModel(),
    live,
    labelled,
    now,
    storeTimeZone: zone,
  });
  if (result.status === 'refused')
    return {
      outcome: 'refused',
      reason: result.reason,
      labels: result.labels,
      labelSources,
      timeZone: zone,
      live: live.version,
    };
  const local = (iso: string) => localInstant(Date.parse(iso), zone);
  const answer = {
    candidate: result.candidate.version,
    live: live.version,
    figures: result.figures,
    labelSources,
    timeZone: zone,
    trainedOn: { ...result.trainedOn, before: local(result.trainedOn.before) },
    heldOut: { ...result.heldOut, from: local(result.heldOut.from) },
  };
  if (!result.better) return { outcome: 'kept', ...answer };
  await sql.begin(async (t) => {
    const tx = t as unknown as Sql;
    await lockSwitches(tx);
    if ((await readActive(tx)).version !== live.version)
      throw new ModelVersionError(
        'CONFLICT',
        `The active fraud model changed from ${live.version} while training; train again`,
      );
    await tx`update fraud_models set active = false where active`;
    const inserted = await tx`
      insert into fraud_models (version, artefact, figures, provenance, active, activated_at,
        activated_by)
      values (${result.candidate.version}, ${JSON.stringify(result.candidate)}::text::jsonb,
        ${JSON.stringify({ ...result.figures, liveVersion: live.version })}::text::jsonb,
        ${JSON.stringify(result.candidate.provenance)}::text::jsonb, true, now(), ${options.by})
      on conflict (version) do nothing returning id`;
    if (inserted.length === 0)
      throw new ModelVersionError(
        'CONFLICT',
        `A fraud model version ${result.candidate.version} exists already; train again`,
      );
  });
  generation += 1;
  return { outcome: 'switched', ...answer };
}
