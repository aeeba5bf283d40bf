import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { flows, flowVersions } from '../schema/index';

/**
 * The flow whose latest version listens on `path` although it is not active, so ingress can say
 * "inactive" (409) rather than "unknown" (404).
 */
export async function findTriggerOwner(db: Db, path: string) {
  const [row] = await db
    .select({ id: flows.id, name: flows.name })
    .from(flowVersions)
    .innerJoin(
      flows,
      and(eq(flows.id, flowVersions.flowId), eq(flows.latestVersion, flowVersions.version)),
    )
    .where(and(eq(flowVersions.triggerPath, path), isNull(flows.deletedAt)))
    .limit(1);
  return row ?? null;
}
