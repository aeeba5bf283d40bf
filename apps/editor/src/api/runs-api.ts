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

/** Filters of the Runs page, as the runs list takes them (all optional). */
export type RunListQuery = NonNullable<Parameters<typeof client.api.runs.$get>[0]>['query'];

/** One page of runs across flows under the Runs page's filters; `nextBefore` is the cursor. */
export function listRunsPage(query: RunListQuery) {
  return unwrap(client.api.runs.$get({ query }));
}

/** Retries a failed run from its failed step, on the version that ran or the flow's latest. */
export function retryRun(id: string, version: 'same' | 'latest' = 'same') {
  return unwrap(client.api.runs[':id'].retry.$post({ param: { id }, json: { version } }));
}

/** Replays a run's trigger event as a new linked run. */
export function replayRun(id: string) {
  return unwrap(client.api.runs[':id'].replay.$post({ param: { id } }));
}

/** Cancels a queued, waiting or running run. */
export function cancelRun(id: string) {
  return unwrap(client.api.runs[':id'].cancel.$post({ param: { id } }));
}

/** Open dead letters (runs that failed for good), newest first. */
export function listDeadLetters(limit = 500) {
  return unwrap(client.api['dead-letters'].$get({ query: { open: 'true', limit: String(limit) } }));
}

/** Closes a dead letter with a note saying how it was handled. */
export function resolveDeadLetter(id: string, resolution: string) {
  return unwrap(
    client.api['dead-letters'][':id'].resolve.$post({ param: { id }, json: { resolution } }),
  );
}

export type RunsPage = Awaited<ReturnType<typeof listRunsPage>>;
