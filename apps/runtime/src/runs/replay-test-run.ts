import { stopAfterNodes, type FlowGraph } from '@paybridge/engine';
import { ApiError } from '../http/api-error';
import { planTestRun, type TestMode, type TestRunConnections } from './test-run';

/** How a replay runs: as a real run (nothing set), or as a test run up to where its original stopped. */
export interface ReplayMode {
  testMode?: TestMode;
  stopAfter?: string;
}

/**
 * Decides how a replay of `original` runs on `graph` (the version the replay executes). A real
 * run replays as a real run. A test run ("Execute previous nodes") replays as a test run again,
 * up to the same node: live PayTrace goes to the simulator and its effects are keyed apart, unless
 * this replay confirms live calls. A confirmation given for the original does not carry over, so
 * replaying a test run never moves money without being asked to. Refuses (400) live calls for a
 * real run, (409) a test run whose stop node the version no longer has, and (422) as a new test
 * run would, naming each node that would write to a live service.
 */
export async function replayMode(opts: {
  original: { id: string; testMode: TestMode | null; stopAfter: string | null };
  graph: FlowGraph;
  liveCalls?: 'confirmed' | undefined;
  connections: TestRunConnections;
  paytraceSimulator: boolean;
}): Promise<ReplayMode> {
  const { original } = opts;
  if (original.testMode === null) {
    if (opts.liveCalls !== undefined) {
      throw new ApiError(
        400,
        'LIVE_CALLS_WITHOUT_TEST',
        `liveCalls: run ${original.id} is not a test run; its replay makes the calls any run makes`,
      );
    }
    return {};
  }
  const stopAfter = original.stopAfter ?? undefined;
  const gone = stopAfterNodes(stopAfter ?? '').find(
    (id) => !opts.graph.nodes.some((n) => n.id === id),
  );
  if (gone !== undefined) {
    throw new ApiError(
      409,
      'REPLAY_STOP_NODE_GONE',
      `Run ${original.id} was a test run up to node "${gone}", which the flow's current version no longer has; start a new test run from the editor`,
    );
  }
  const testMode = await planTestRun({
    graph: opts.graph,
    stopAfter,
    liveCalls: opts.liveCalls,
    connections: opts.connections,
    paytraceSimulator: opts.paytraceSimulator,
  });
  return { testMode, ...(stopAfter === undefined ? {} : { stopAfter }) };
}
