import { client, unwrap } from './client';

/**
 * Deliveries that started no run (no active flow for the topic, or filtered out by a flow's
 * gateway filter), newest first, with counts per reason and topic: what an operator checks when
 * Shopify says it delivered and no run shows up.
 */
export function listUnmatchedEvents(
  query: { connectionId?: string; topic?: string; limit?: number } = {},
) {
  return unwrap(
    client.api.events.unmatched.$get({
      query: {
        ...(query.connectionId ? { connectionId: query.connectionId } : {}),
        ...(query.topic ? { topic: query.topic } : {}),
        limit: String(query.limit ?? 50),
      },
    }),
  );
}

export type UnmatchedEvents = Awaited<ReturnType<typeof listUnmatchedEvents>>;
export type UnmatchedEvent = UnmatchedEvents['events'][number];
