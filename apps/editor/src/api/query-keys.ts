/** Query keys in one place, so mutations invalidate exactly what they change. */
export const queryKeys = {
  me: ['me'] as const,
  flows: ['flows'] as const,
  flow: (id: string) => ['flows', id] as const,
  versions: (id: string) => ['flows', id, 'versions'] as const,
  samples: (flowId: string) => ['flows', flowId, 'samples'] as const,
  settings: ['settings'] as const,
  runs: (flowId: string) => ['runs', { flowId }] as const,
  runCounts: (flowId: string) => ['runs', { flowId }, 'counts'] as const,
  run: (id: string) => ['run', id] as const,
  /** The Runs page's list under its filters (under `runs`, so run changes refresh it too). */
  allRuns: (filters: object) => ['runs', 'all', filters] as const,
  deadLetters: ['dead-letters'] as const,
  nodeCatalog: ['node-types'] as const,
  connectionTypes: ['connection-types'] as const,
  connections: ['connections'] as const,
};
