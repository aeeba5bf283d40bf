import { client, unwrap } from './client';

/** Recent runs of one flow, newest first. */
export function listRuns(flowId: string, limit = 20) {
  return unwrap(client.api.runs.$get({ query: { flowId, limit: String(limit) } })).then(
    (r) => r.runs,
  );
}

/** How many runs of one flow are in each status (declined and failed ones stand out). */
export function countRuns(flowId: string) {
  return unwrap(client.api.runs.counts.$get({ query: { flowId } })).then((r) => r.counts);
}

/** A run with its trigger data and every step's input and output. */
export function getRun(id: string) {
  return unwrap(client.api.runs[':id'].$get({ param: { id } }));
}

export type RunCounts = Awaited<ReturnType<typeof countRuns>>;
export type RunSummary = Awaited<ReturnType<typeof listRuns>>[number];
export type RunDetail = Awaited<ReturnType<typeof getRun>>;
export type RunStep = RunDetail['steps'][number];
