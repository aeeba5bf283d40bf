import { createContext, useContext, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/api-failure';
import { listConnections } from '../../api/connections-api';
import { Dialog } from '../../ui/dialog';
import { useToasts } from '../../ui/toasts';
import { useFlowStoreApi } from '../store/flow-store-context';
import { livePaytraceNodes, previousNodesOf } from './execute-previous';

/** Starts a test run up to nodes; `liveCalls` only when the user chose to call live PayTrace. */
export interface ExecutePrevious {
  run: (stopAfter: string[], liveCalls?: 'confirmed') => Promise<void>;
  /** A save or run is under way. */
  busy: boolean;
}

const Context = createContext<ExecutePrevious | null>(null);

/**
 * Lets the inspector and the mapping editor offer "Execute previous nodes"; `value` is null where
 * the user may not run flows (or looks at an old version), and the button is then not shown.
 */
export function ExecutePreviousProvider({
  value,
  children,
}: {
  value: ExecutePrevious | null;
  children: ReactNode;
}) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

type Ask = { stopAfter: string[]; nodes: { label: string; connection: string }[] };

/**
 * "Execute previous nodes", as in n8n: a test run of the flow up to the nodes wired into
 * `nodeId` (every way into a merge; the run takes the one its data takes) with the pinned
 * sample, so the mapping editor's source tree shows real outputs. The run is
 * marked as a test: live PayTrace connections go to the built-in simulator unless the user picks
 * "Call live PayTrace" in the dialog shown when the flow has any (the simulator is the default).
 */
export function ExecutePreviousButton({ nodeId }: { nodeId: string }) {
  const runner = useContext(Context);
  const store = useFlowStoreApi();
  const toasts = useToasts();
  const [ask, setAsk] = useState<Ask | null>(null);
  const [checking, setChecking] = useState(false);
  if (!runner) return null;
  const previous = previousNodesOf(store.getState().graph(), nodeId);
  if (previous.length === 0) return null;
  const upTo = previous.join(' and ');

  const start = async () => {
    setChecking(true);
    try {
      const graph = store.getState().graph();
      const live = livePaytraceNodes(graph, previous, await listConnections('paytrace'));
      if (live.length > 0) setAsk({ stopAfter: previous, nodes: live });
      else await runner.run(previous);
    } catch (err) {
      toasts.error(`Not started: ${errorMessage(err)}`);
    } finally {
      setChecking(false);
    }
  };
  const choose = (liveCalls?: 'confirmed') => {
    const stopAfter = ask?.stopAfter;
    setAsk(null);
    if (stopAfter) void runner.run(stopAfter, liveCalls);
  };
  const working = runner.busy || checking;

  return (
    <>
      <button
        type="button"
        className="small"
        disabled={working}
        data-testid="execute-previous"
        title={`Test-run the flow up to ${upTo} with the pinned sample, to map real data`}
        onClick={() => void start()}
      >
        {working ? 'Executing…' : '▶ Execute previous nodes'}
      </button>
      {working && (
        <span className="hint" role="status">
          Test run up to {upTo}…
        </span>
      )}
      {ask && (
        <Dialog
          title="Live PayTrace in a test run"
          onClose={() => setAsk(null)}
          testId="live-calls-dialog"
        >
          <p>
            This test run reaches {ask.nodes.map((n) => `${n.label} (${n.connection})`).join(', ')},
            on a live PayTrace connection. By default it charges the built-in simulator instead: no
            card is charged.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setAsk(null)}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => choose('confirmed')}>
              Call live PayTrace
            </button>
            <button type="button" className="primary" autoFocus onClick={() => choose()}>
              Use the simulator
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
