import { CopyButton } from '../ui/copy-button';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { getNodeCatalog } from '../api/catalog-api';
import { getFlow } from '../api/flows-api';
import { queryKeys } from '../api/query-keys';
import { getRun } from '../api/runs-api';
import { navigate } from '../app/router';
import { CatalogProvider } from '../editor/catalog/catalog-context';
import { indexCatalog } from '../editor/catalog/catalog-index';
import { runFinished } from '../editor/runs/run-overlay';
import { parseGraphJson } from '../editor/store/graph-convert';
import { RunActions } from './run-actions';
import { TestRunMark } from './test-run-mark';
import { RunCanvas } from './run-canvas';
import { RunSummaryPanel } from './run-summary-panel';
import { formatMs, SOURCE_LABELS } from './run-status';
import { RunStatusBadge } from './run-status-badge';
import './runs.css';

/**
 * `/runs/:id`: one run on the canvas of the version that ran, with its actions, the trigger
 * event, related runs and created documents. Refreshes while the run can still change (a retry
 * in progress is watched until it ends).
 */
export function RunViewPage({ runId, me }: { runId: string; me: Me }) {
  const run = useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: () => getRun(runId),
    refetchInterval: (q) => (q.state.data && runFinished(q.state.data.status) ? 10_000 : 1500),
  });
  const catalog = useQuery({
    queryKey: queryKeys.nodeCatalog,
    queryFn: getNodeCatalog,
    staleTime: 5 * 60_000,
  });
  const flowId = run.data?.flowId;
  const version = run.data?.flowVersion;
  const flow = useQuery({
    queryKey: [...queryKeys.flow(flowId ?? ''), 'version', version],
    queryFn: () => getFlow(flowId as string, version),
    enabled: flowId !== undefined && version !== undefined,
    staleTime: Infinity,
  });
  const index = useMemo(() => (catalog.data ? indexCatalog(catalog.data) : null), [catalog.data]);
  const parsed = useMemo(() => {
    if (!flow.data) return null;
    try {
      return { graph: parseGraphJson(flow.data.version.graph), problem: null };
    } catch (err) {
      return { graph: null, problem: errorMessage(err) };
    }
  }, [flow.data]);
  const graph = parsed?.graph ?? null;
  // A deleted flow or an unreadable saved graph: the run is still shown, without its canvas.
  const flowProblem = flow.error ? errorMessage(flow.error) : (parsed?.problem ?? null);

  const failed = run.error ?? catalog.error;
  if (failed) {
    return (
      <main className="page-body">
        <p className="error-text" role="alert">
          Could not open run {runId}: {errorMessage(failed)}
        </p>
        <a href="/runs">Back to runs</a>
      </main>
    );
  }
  if (!run.data || !index) return <p className="centered">Loading run…</p>;
  const r = run.data;
  const summary = (selectNode?: (id: string) => void) => (
    <RunSummaryPanel run={r} {...(selectNode ? { onSelectNode: selectNode } : {})} />
  );
  return (
    <main className="run-view" data-testid="run-view">
      <header className="run-view-header">
        <a
          href="/runs"
          onClick={(e) => {
            e.preventDefault();
            navigate('/runs');
          }}
        >
          ← Runs
        </a>
        <h1>
          Run <code>{r.id.slice(0, 8)}</code>
        </h1>
        <span data-testid="run-view-status">
          <RunStatusBadge status={r.operatorStatus} /> <TestRunMark test={r.test} />
        </span>
        <span>
          <a href={`/flows/${r.flowId}`}>{r.flowName ?? r.flowId.slice(0, 8)}</a> v{r.flowVersion}
        </span>
        <span className="hint">
          {new Date(r.startedAt ?? r.createdAt).toLocaleString()}
          {r.durationMs === null ? '' : ` · ${formatMs(r.durationMs)}`} · {SOURCE_LABELS[r.source]}
          {r.attempts > 1 ? ` · ${r.attempts} attempts` : ''}
        </span>
        {r.traceId && (
          <span className="hint" data-testid="run-trace">
            Trace <code>{r.traceId}</code> <CopyButton value={r.traceId} label="trace id" />
          </span>
        )}
        <RunActions run={r} me={me} />
      </header>
      {flowProblem ? (
        <div className="run-view-body">
          <p className="error-text" role="alert">
            The flow of this run cannot be shown: {flowProblem}
          </p>
          <aside className="run-view-side">{summary()}</aside>
        </div>
      ) : graph ? (
        <CatalogProvider catalog={index}>
          <ReactFlowProvider>
            <RunCanvas
              key={`${r.flowId}@${r.flowVersion}`}
              graph={graph}
              run={r}
              summary={summary}
            />
          </ReactFlowProvider>
        </CatalogProvider>
      ) : (
        <p className="centered">Loading flow…</p>
      )}
    </main>
  );
}
