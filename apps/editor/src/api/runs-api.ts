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

/** One page of runs across flows under the Runs page's filters; `nextCursor` is the next page. */
export function listRunsPage(query: RunListQuery) {
  return unwrap(client.api.runs.$get({ query }));
}

/** Retries a failed run from its failed step, on the version that ran or the flow's latest. */
export function retryRun(id: string, version: 'same' | 'latest' = 'same') {
  return unwrap(client.api.runs[':id'].retry.$post({ param: { id }, json: { version } }));
}

/**
 * Replays a run's trigger event as a new linked run; with `payload`, the edited event instead
 * (the runtime refuses card data with 422 CARD_DATA_REFUSED).
 */
export function replayRun(id: string, payload?: unknown) {
  return unwrap(
    client.api.runs[':id'].replay.$post({
      param: { id },
      json: payload === undefined ? {} : { payload },
    }),
  );
}

/** Cancels a queued, waiting or running run. */
export function cancelRun(id: string) {
  return unwrap(client.api.runs[':id'].cancel.$post({ param: { id } }));
}

type BulkRequest = Parameters<typeof client.api.runs.bulk.$post>[0]['json'];
/** The runs a bulk action covers: a list of ids, or every run matching the list's filters. */
export type BulkTarget = Pick<BulkRequest, 'runIds' | 'filter'>;

/** Starts a bulk retry, replay or cancel of the given runs in the background. */
export function startBulk(request: BulkRequest) {
  return unwrap(client.api.runs.bulk.$post({ json: request }));
}

/** How far a bulk operation has got, and how its runs ended. */
export function getBulk(operationId: string) {
  return unwrap(client.api.runs.bulk[':operationId'].$get({ param: { operationId } }));
}

/** Open dead letters grouped by flow and error code, with counts and first/last seen. */
export function listDeadLetterGroups() {
  return unwrap(client.api['dead-letters'].groups.$get({ query: {} })).then((r) => r.groups);
}

/** Open dead letters (runs that failed for good), newest first, optionally of one group. */
export function listDeadLetters(filter: { flowId?: string; code?: string } = {}, limit = 500) {
  return unwrap(
    client.api['dead-letters'].$get({
      query: { open: 'true', limit: String(limit), ...filter },
    }),
  );
}

/** Closes a dead letter with a note saying how it was handled. */
export function resolveDeadLetter(id: string, resolution: string) {
  return unwrap(
    client.api['dead-letters'][':id'].resolve.$post({ param: { id }, json: { resolution } }),
  );
}

/** Closes many dead letters at once (by ids, or a whole flow/error-code group) with one note. */
export function resolveDeadLetters(
  json: Parameters<(typeof client.api)['dead-letters']['resolve']['$post']>[0]['json'],
) {
  return unwrap(client.api['dead-letters'].resolve.$post({ json }));
}

export type RunsPage = Awaited<ReturnType<typeof listRunsPage>>;
export type RunListItem = RunsPage['runs'][number];
export type BulkProgressBody = Awaited<ReturnType<typeof getBulk>>;
export type DeadLetterGroup = Awaited<ReturnType<typeof listDeadLetterGroups>>[number];
export type DeadLetter = Awaited<ReturnType<typeof listDeadLetters>>['deadLetters'][number];
export type RunDocument = RunDetail['documents'][number];
export type RelatedRun = RunDetail['related'][number];
