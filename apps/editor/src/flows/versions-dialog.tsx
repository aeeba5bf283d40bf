import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FlowGraph } from '@paybridge/engine';
import { errorMessage } from '../api/api-failure';
import { getFlow, listVersions } from '../api/flows-api';
import { queryKeys } from '../api/query-keys';
import { parseGraphJson } from '../editor/store/graph-convert';
import { Dialog } from '../ui/dialog';
import { VersionDiffView } from './version-diff-view';

/**
 * The flow's saved versions: view an older one on the canvas (read-only), restore it into the
 * editor (saved as a new version, since versions never change), return to the latest, make any
 * version live in one switch, or compare two versions side by side.
 */
export function VersionsDialog({
  flowId,
  activeVersion,
  viewing,
  canEdit,
  onClose,
  onView,
  onRestore,
  onBackToLatest,
  onMakeLive,
}: {
  flowId: string | null;
  activeVersion: number | null;
  viewing: number | null;
  canEdit: boolean;
  onClose: () => void;
  onView: (version: number, graph: FlowGraph) => void;
  onRestore: (version: number, graph: FlowGraph) => void;
  onBackToLatest: (graph: FlowGraph) => void;
  /** Makes a version live; absent for roles that may not (the dialog then says so). */
  onMakeLive?: (version: number) => Promise<void>;
}) {
  const versions = useQuery({
    queryKey: queryKeys.versions(flowId ?? 'new'),
    queryFn: () => listVersions(flowId as string),
    enabled: flowId !== null,
  });
  const [error, setError] = useState<string | null>(null);
  const [comparing, setComparing] = useState(false);
  const [switching, setSwitching] = useState<number | null>(null);
  const makeLive = async (version: number) => {
    if (!onMakeLive) return;
    setSwitching(version);
    try {
      await onMakeLive(version);
    } finally {
      setSwitching(null);
    }
  };
  const load = async (version: number) => {
    setError(null);
    try {
      const detail = await getFlow(flowId as string, version);
      return parseGraphJson(detail.version.graph);
    } catch (err) {
      setError(`Cannot load version ${version}: ${errorMessage(err)}`);
      return null;
    }
  };
  const latest = versions.data?.reduce((max, v) => Math.max(max, v.version), 0) ?? 0;
  const numbers = [...(versions.data ?? [])].map((v) => v.version).sort((a, b) => a - b);
  if (comparing && flowId !== null && numbers.length >= 2) {
    const to = numbers[numbers.length - 1]!;
    const from =
      activeVersion !== null && activeVersion !== to ? activeVersion : numbers[numbers.length - 2]!;
    return (
      <Dialog title="Compare versions" onClose={onClose} testId="versions-dialog" wide>
        <VersionDiffView
          flowId={flowId}
          versions={numbers}
          initial={[from, to]}
          onBack={() => setComparing(false)}
        />
      </Dialog>
    );
  }
  return (
    <Dialog title="Versions" onClose={onClose} testId="versions-dialog">
      {flowId === null && <p>This flow has not been saved yet.</p>}
      {versions.isError && (
        <p className="error-text" role="alert">
          {errorMessage(versions.error)}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {viewing !== null && (
        <button type="button" onClick={() => void load(latest).then((g) => g && onBackToLatest(g))}>
          Back to the latest version
        </button>
      )}
      {numbers.length >= 2 && (
        <button type="button" onClick={() => setComparing(true)}>
          Compare versions
        </button>
      )}
      {!onMakeLive && flowId !== null && (
        <p className="hint">Only editors and admins can change which version is live.</p>
      )}
      <ol className="versions" reversed>
        {[...(versions.data ?? [])]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <li key={v.version} data-testid={`version-${v.version}`}>
              <div>
                <strong>v{v.version}</strong>
                {v.version === activeVersion && (
                  <span className="run-badge run-succeeded">live</span>
                )}
                {v.version === viewing && <span className="run-badge">viewing</span>}{' '}
                <span className="hint">{new Date(v.createdAt).toLocaleString()}</span>
                <div>{v.message || <em className="hint">no message</em>}</div>
              </div>
              <div className="version-actions">
                <button
                  type="button"
                  className="small"
                  onClick={() => void load(v.version).then((g) => g && onView(v.version, g))}
                >
                  View
                </button>
                {onMakeLive && v.version !== activeVersion && (
                  <button
                    type="button"
                    className="small primary"
                    disabled={switching !== null}
                    title="Switch the flow's triggers to this version at once, with no pause"
                    onClick={() => void makeLive(v.version)}
                  >
                    {switching === v.version ? 'Switching…' : 'Make this version live'}
                  </button>
                )}
                {canEdit && v.version !== latest && (
                  <button
                    type="button"
                    className="small"
                    onClick={() => void load(v.version).then((g) => g && onRestore(v.version, g))}
                  >
                    Restore
                  </button>
                )}
              </div>
            </li>
          ))}
      </ol>
    </Dialog>
  );
}
