import { useEffect, useState } from 'react';
import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { NodeIcon } from '../catalog/node-icon';
import { nodeIdProblem } from '../store/node-ids';
import { useFlowStoreApi } from '../store/flow-store-context';

/**
 * A node's display name and id. The id is what `$node("id")` expressions and run history use, so
 * renaming it is checked (unique, plain characters) before it is applied.
 */
export function NodeHeader({
  id,
  name,
  entry,
  readOnly,
}: {
  id: string;
  name: string | undefined;
  entry: NodeCatalogEntry | undefined;
  readOnly: boolean;
}) {
  const store = useFlowStoreApi();
  const [draftId, setDraftId] = useState(id);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setDraftId(id);
    setProblem(null);
  }, [id]);
  const applyId = () => {
    if (draftId === id) return setProblem(null);
    const taken = new Set(
      store
        .getState()
        .nodes.map((n) => n.id)
        .filter((n) => n !== id),
    );
    const why = nodeIdProblem(draftId, taken);
    setProblem(why);
    if (!why) store.getState().renameNode(id, draftId);
  };
  return (
    <header className="inspector-header">
      <div className="inspector-title">
        <NodeIcon icon={entry?.icon ?? ''} category={entry?.category ?? 'core'} size={20} />
        <div>
          <strong>{entry?.title ?? 'Unknown type'}</strong>
          <small>
            {entry?.type ?? '?'} v{entry?.version ?? '?'}
            {entry?.effects ? ' · has side effects' : ''}
          </small>
        </div>
      </div>
      <div className="field">
        <label htmlFor="node-name">
          <span className="field-label">Name</span>
        </label>
        <input
          id="node-name"
          value={name ?? ''}
          placeholder={entry?.title}
          readOnly={readOnly}
          onChange={(e) =>
            store.getState().updateNode(id, { name: e.target.value || undefined }, 'name')
          }
        />
      </div>
      <div className={`field${problem ? ' invalid' : ''}`}>
        <label htmlFor="node-id">
          <span className="field-label">Id</span>
        </label>
        <input
          id="node-id"
          className="mono"
          value={draftId}
          readOnly={readOnly}
          aria-describedby="node-id-help node-id-error"
          onChange={(e) => setDraftId(e.target.value)}
          onBlur={applyId}
          onKeyDown={(e) => e.key === 'Enter' && applyId()}
        />
        <span className="field-help" id="node-id-help">
          Other nodes read this node’s output as <code>$node("{id}")</code>.
        </span>
        {problem && (
          <span className="field-error" id="node-id-error" role="alert">
            {problem}
          </span>
        )}
      </div>
    </header>
  );
}
