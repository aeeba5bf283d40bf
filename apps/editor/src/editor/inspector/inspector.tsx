import { useState, type ReactNode } from 'react';

import { useCatalog } from '../catalog/catalog-context';
import { useShallow } from 'zustand/react/shallow';
import { useFlowStore, useFlowStoreApi } from '../store/flow-store-context';
import { Markdown } from '../../ui/markdown';
import { ConfigForm } from './config-form';
import { NodeHeader } from './node-header';
import { NodeRunData } from './node-run-data';
import { RunToHereButton } from './run-to-here-button';
import { ExecutePreviousButton } from '../runs/execute-previous-button';
import { SampleEditor } from '../runs/sample-editor';
import { TriggerEndpoint } from './trigger-endpoint';

type Tab = 'settings' | 'docs' | 'data';

/**
 * The right-hand panel: the selected node's settings form, its docs and, after a test run, the
 * data it received and produced. With nothing selected it shows `empty` (the flow's settings).
 */
export function Inspector({
  readOnly,
  active,
  empty,
  openMapping,
  flowId,
  onRunTo,
  running = false,
}: {
  flowId: string | null;
  /** Test-runs the flow up to a node; absent when the user may not run flows. */
  onRunTo?: (nodeId: string) => void;
  /** A save or run is under way, so another run cannot start. */
  running?: boolean;
  readOnly: boolean;
  active: boolean;
  empty: ReactNode;
  openMapping: (nodeId: string, path: (string | number)[]) => void;
}) {
  const catalog = useCatalog();
  const store = useFlowStoreApi();
  const selected = useFlowStore(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const node = selected.length === 1 ? selected[0] : undefined;
  const issues = useFlowStore((s) => (node ? s.issues[node.id] : undefined));
  const run = useFlowStore((s) => (node ? s.run[node.id] : undefined));
  const [tab, setTab] = useState<Tab>('settings');

  if (selected.length > 1) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p>{selected.length} nodes selected.</p>
        {!readOnly && (
          <button type="button" onClick={() => store.getState().deleteSelected()}>
            Delete {selected.length} nodes
          </button>
        )}
      </aside>
    );
  }
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector">
        {empty}
      </aside>
    );
  }
  const entry = catalog.get(node.data.type, node.data.typeVersion);
  const tabs: { id: Tab; label: string }[] = [
    { id: 'settings', label: 'Settings' },
    { id: 'docs', label: 'Docs' },
    { id: 'data', label: run ? 'Run data' : entry?.kind === 'trigger' ? 'Sample' : 'Data' },
  ];
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <NodeHeader id={node.id} name={node.data.name} entry={entry} readOnly={readOnly} />
      {onRunTo && <RunToHereButton nodeId={node.id} busy={running} onRunTo={onRunTo} />}
      <ExecutePreviousButton nodeId={node.id} />
      <div role="tablist" className="tabs" aria-label="Node panels">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'settings' &&
          (entry ? (
            <>
              <TriggerEndpoint entry={entry} config={node.data.config} active={active} />
              <ConfigForm
                nodeId={node.id}
                entry={entry}
                config={node.data.config}
                issues={issues ?? []}
                readOnly={readOnly}
                onChange={(config, field) =>
                  store.getState().updateNode(node.id, { config }, field)
                }
                openMapping={(path) => openMapping(node.id, path)}
              />
            </>
          ) : (
            <p className="error-text" role="alert">
              The runtime does not know the node type “{node.data.type}” v{node.data.typeVersion}.
              Delete this node or update the runtime.
            </p>
          ))}
        {tab === 'docs' && (entry ? <Markdown source={entry.docs} /> : <p>No docs.</p>)}
        {tab === 'data' && (
          <>
            {entry?.kind === 'trigger' && !readOnly && (
              <SampleEditor
                key={node.id}
                flowId={flowId}
                nodeId={node.id}
                triggerType={node.data.type}
                config={node.data.config}
              />
            )}
            <NodeRunData nodeId={node.id} run={run} />
          </>
        )}
      </div>
    </aside>
  );
}
