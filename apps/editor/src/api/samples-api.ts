import { client, unwrap } from './client';

/** The sample payloads pinned on a saved flow's nodes, shared by everyone who edits it. */
export function listSamples(flowId: string) {
  return unwrap(client.api.flows[':id'].samples.$get({ param: { id: flowId } })).then(
    (r) => r.samples,
  );
}

/** Pins `payload` (any JSON) as a node's sample, replacing the one pinned before. */
export function pinSample(flowId: string, nodeId: string, payload: unknown) {
  return unwrap(
    client.api.flows[':id'].samples[':nodeId'].$put({
      param: { id: flowId, nodeId },
      json: payload,
    }),
  );
}

/** Unpins a node's sample. */
export async function unpinSample(flowId: string, nodeId: string): Promise<void> {
  await unwrap(
    client.api.flows[':id'].samples[':nodeId'].$delete({ param: { id: flowId, nodeId } }),
  );
}

export type FlowSample = Awaited<ReturnType<typeof listSamples>>[number];
