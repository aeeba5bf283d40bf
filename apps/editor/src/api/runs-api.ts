import { client, unwrap } from './client';

/** Recent runs of one flow, newest first. */
export function listRuns(flowId: string, limit = 20) {
  return unwrap(client.api.runs.$get({ query: { flowId, limit: String(limit) } })).then(
    (r) => r.runs,
  );
}

/** A run with its trigger data and every step's input and output. */
export function getRun(id: string) {
  return unwrap(client.api.runs[':id'].$get({ param: { id } }));
}

export type RunSummary = Awaited<ReturnType<typeof listRuns>>[number];
export type RunDetail = Awaited<ReturnType<typeof getRun>>;
export type RunStep = RunDetail['steps'][number];
