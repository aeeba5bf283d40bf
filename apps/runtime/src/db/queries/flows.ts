import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FlowGraph } from '@paybridge/engine';
import type { Db } from '../client';
import { activeTriggers, flowSamples, flows, flowVersions } from '../schema/index';

/** What ingress needs to know about a flow's trigger, copied out of the graph at save time. */
export interface TriggerInfo {
  type: string;
  path: string | null;
}

export type FlowRow = typeof flows.$inferSelect;
export type FlowVersionRow = typeof flowVersions.$inferSelect;

/** Change notifications let every API process drop its cached trigger table at once. */
export const FLOWS_CHANNEL = 'paybridge_flows';

export async function insertFlow(
  db: Db,
  input: {
    name: string;
    description: string;
    graph: FlowGraph;
    message: string;
    trigger: TriggerInfo;
  },
): Promise<{ flow: FlowRow; version: FlowVersionRow }> {
  return db.transaction(async (tx) => {
    const [flow] = await tx
      .insert(flows)
      .values({ name: input.name, description: input.description, latestVersion: 1 })
      .returning();
    const [version] = await tx
      .insert(flowVersions)
      .values({
        flowId: flow!.id,
        version: 1,
        graph: input.graph,
        message: input.message,
        triggerType: input.trigger.type,
        triggerPath: input.trigger.path,
      })
      .returning();
    return { flow: flow!, version: version! };
  });
}

/** Saves a new immutable version; the row lock on the flow serialises concurrent saves. */
export async function insertVersion(
  db: Db,
  flowId: string,
  input: {
    graph: FlowGraph;
    message: string;
    trigger: TriggerInfo;
    name?: string;
    description?: string;
  },
): Promise<{ flow: FlowRow; version: FlowVersionRow } | null> {
  return db.transaction(async (tx) => {
    const [flow] = await tx
      .update(flows)
      .set({
        latestVersion: sql`${flows.latestVersion} + 1`,
        updatedAt: sql`now()`,
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.description === undefined ? {} : { description: input.description }),
      })
      .where(and(eq(flows.id, flowId), isNull(flows.deletedAt)))
      .returning();
    if (!flow) return null;
    const [version] = await tx
      .insert(flowVersions)
      .values({
        flowId,
        version: flow.latestVersion,
        graph: input.graph,
        message: input.message,
        triggerType: input.trigger.type,
        triggerPath: input.trigger.path,
      })
      .returning();
    return { flow, version: version! };
  });
}

export async function findFlow(db: Db, flowId: string) {
  const [row] = await db
    .select({ flow: flows, active: activeTriggers, activeVersion: flowVersions.version })
    .from(flows)
    .leftJoin(activeTriggers, eq(activeTriggers.flowId, flows.id))
    .leftJoin(flowVersions, eq(flowVersions.id, activeTriggers.versionId))
    .where(and(eq(flows.id, flowId), isNull(flows.deletedAt)));
  return row ?? null;
}

/** Live flows with their active trigger and the number of the active version, in one query. */
export async function listFlows(db: Db) {
  return db
    .select({ flow: flows, active: activeTriggers, activeVersion: flowVersions.version })
    .from(flows)
    .leftJoin(activeTriggers, eq(activeTriggers.flowId, flows.id))
    .leftJoin(flowVersions, eq(flowVersions.id, activeTriggers.versionId))
    .where(isNull(flows.deletedAt))
    .orderBy(desc(flows.updatedAt));
}

export async function findVersion(db: Db, flowId: string, version: number) {
  const [row] = await db
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)));
  return row ?? null;
}

export async function findVersionById(db: Db, versionId: string) {
  const [row] = await db.select().from(flowVersions).where(eq(flowVersions.id, versionId));
  return row ?? null;
}

export async function listVersions(db: Db, flowId: string) {
  return db
    .select({
      id: flowVersions.id,
      version: flowVersions.version,
      message: flowVersions.message,
      triggerType: flowVersions.triggerType,
      triggerPath: flowVersions.triggerPath,
      createdAt: flowVersions.createdAt,
    })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(desc(flowVersions.version));
}

/** Raised when another active flow already answers on the same REST path. */
export class PathTakenError extends Error {
  constructor(readonly path: string) {
    super(`Another active flow already uses the trigger path "${path}"`);
  }
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The flow's live version, or null when none is live. */
async function liveVersion(tx: Tx, flowId: string): Promise<FlowVersionRow | null> {
  const [row] = await tx
    .select({ version: flowVersions })
    .from(activeTriggers)
    .innerJoin(flowVersions, eq(flowVersions.id, activeTriggers.versionId))
    .where(eq(activeTriggers.flowId, flowId));
  return row?.version ?? null;
}

/** Ends the flow's live version (its registrations go with its row); returns that version. */
async function dropLive(tx: Tx, flowId: string): Promise<FlowVersionRow | null> {
  const live = await liveVersion(tx, flowId);
  await tx.delete(activeTriggers).where(eq(activeTriggers.flowId, flowId));
  return live;
}

/**
 * Makes `version` the live one with what its trigger registered (an endpoint key a single live
 * flow may hold, a restarted clock). Returns the version it replaced, if another was live.
 */
export async function activateVersion(
  db: Db,
  flowId: string,
  version: FlowVersionRow,
  registrations: { endpointKey: string | null; startClock: boolean },
): Promise<FlowVersionRow | null> {
  const { endpointKey, startClock } = registrations;
  try {
    return await db.transaction(async (tx) => {
      const previous = await liveVersion(tx, flowId);
      await tx
        .insert(activeTriggers)
        .values({
          flowId,
          versionId: version.id,
          triggerType: version.triggerType,
          triggerPath: endpointKey,
        })
        .onConflictDoUpdate({
          target: activeTriggers.flowId,
          set: {
            versionId: version.id,
            triggerType: version.triggerType,
            triggerPath: endpointKey,
            activatedAt: sql`now()`,
            ...(startClock ? { lastFiredAt: null } : {}),
          },
        });
      await tx
        .update(flows)
        .set({ activeVersionId: version.id, updatedAt: sql`now()` })
        .where(eq(flows.id, flowId));
      await tx.execute(sql`select pg_notify(${FLOWS_CHANNEL}, ${flowId})`);
      return previous && previous.id !== version.id ? previous : null;
    });
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) === '23505' && endpointKey) {
      throw new PathTakenError(endpointKey);
    }
    throw err;
  }
}

/** Stops the flow's live version; returns it (null when none was live). */
export async function deactivateFlow(db: Db, flowId: string): Promise<FlowVersionRow | null> {
  return db.transaction(async (tx) => {
    const live = await dropLive(tx, flowId);
    await tx
      .update(flows)
      .set({ activeVersionId: null, updatedAt: sql`now()` })
      .where(eq(flows.id, flowId));
    await tx.execute(sql`select pg_notify(${FLOWS_CHANNEL}, ${flowId})`);
    return live;
  });
}

/**
 * Soft delete: runs keep pointing at the flow's versions, so history stays inspectable. Returns
 * null when there is no such flow, else the version that was live (if any).
 */
export async function deleteFlow(
  db: Db,
  flowId: string,
): Promise<{ live: FlowVersionRow | null } | null> {
  return db.transaction(async (tx) => {
    const live = await dropLive(tx, flowId);
    const rows = await tx
      .update(flows)
      .set({ deletedAt: sql`now()`, activeVersionId: null })
      .where(and(eq(flows.id, flowId), isNull(flows.deletedAt)))
      .returning({ id: flows.id });
    // Pinned samples are editing aids of a live flow; runs keep their own copy of each event.
    await tx.delete(flowSamples).where(eq(flowSamples.flowId, flowId));
    await tx.execute(sql`select pg_notify(${FLOWS_CHANNEL}, ${flowId})`);
    return rows.length > 0 ? { live } : null;
  });
}

/**
 * Active triggers of the given node types (those of one channel, from the trigger registry)
 * with their graphs, for the ingress serving that channel.
 */
export async function loadActiveTriggers(db: Db, types: readonly string[]) {
  if (types.length === 0) return [];
  return db
    .select({
      flowId: activeTriggers.flowId,
      versionId: activeTriggers.versionId,
      path: activeTriggers.triggerPath,
      activatedAt: activeTriggers.activatedAt,
      lastFiredAt: activeTriggers.lastFiredAt,
      graph: flowVersions.graph,
    })
    .from(activeTriggers)
    .innerJoin(flowVersions, eq(flowVersions.id, activeTriggers.versionId))
    .where(inArray(activeTriggers.triggerType, [...types]));
}

export async function markScheduleFired(db: Db, flowId: string, firedAt: Date): Promise<void> {
  await db
    .update(activeTriggers)
    .set({ lastFiredAt: firedAt })
    .where(eq(activeTriggers.flowId, flowId));
}

/** Live flows active with a trigger of the given types, with names and graphs, for overlap warnings. */
export async function listActiveFlows(db: Db, types: readonly string[]) {
  if (types.length === 0) return [];
  return db
    .select({ flowId: activeTriggers.flowId, name: flows.name, graph: flowVersions.graph })
    .from(activeTriggers)
    .innerJoin(flowVersions, eq(flowVersions.id, activeTriggers.versionId))
    .innerJoin(flows, eq(flows.id, activeTriggers.flowId))
    .where(and(inArray(activeTriggers.triggerType, [...types]), isNull(flows.deletedAt)));
}

/** Names of the live (not deleted) flows, to name an imported or duplicated flow apart. */
export async function listFlowNames(db: Db): Promise<string[]> {
  const rows = await db.select({ name: flows.name }).from(flows).where(isNull(flows.deletedAt));
  return rows.map((r) => r.name);
}
