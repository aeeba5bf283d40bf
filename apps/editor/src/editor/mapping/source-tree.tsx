import { useState } from 'react';
import { dataTree, type DataTreeNode } from './data-tree';
import type { DataOrigin, PathSegment } from './path-writer';
import type { DataSource } from './node-scope';

/** Data type of a dragged source field. */
export const PATH_DRAG_TYPE = 'application/x-paybridge-path';

/** What a dragged (or clicked) source field carries. */
export interface PickedSource {
  origin: DataOrigin;
  segments: PathSegment[];
  label: string;
}

const PROVENANCE: Record<DataSource['provenance'], string> = {
  run: 'from the run shown',
  sample: 'pinned sample',
  computed: 'computed from the sample',
  schema: 'example of its declared output: run the flow for real data',
  none: 'no data yet',
};

function Row({
  node,
  origin,
  depth,
  onPick,
  textFor,
}: {
  node: DataTreeNode;
  origin: DataOrigin;
  depth: number;
  onPick: (source: PickedSource) => void;
  textFor: (source: PickedSource) => string;
}) {
  const [open, setOpen] = useState(depth < 3);
  const picked: PickedSource = { origin, segments: node.segments, label: node.label };
  return (
    <li>
      <div className="tree-row" style={{ paddingLeft: depth * 12 }}>
        {node.children.length > 0 ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={open}
            aria-label={`${open ? 'Collapse' : 'Expand'} ${node.label}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle" />
        )}
        <button
          type="button"
          className="tree-field"
          draggable
          data-testid={`source-${node.id}`}
          title="Drag onto a target field, or click to map it to the selected target"
          onDragStart={(e) => {
            e.dataTransfer.setData(PATH_DRAG_TYPE, JSON.stringify(picked));
            e.dataTransfer.setData('text/plain', textFor(picked));
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => onPick(picked)}
        >
          <span className="tree-key">{node.label}</span>
          <span className={`tree-type t-${node.type}`}>{node.type}</span>
          <span className="tree-preview">{node.preview}</span>
        </button>
      </div>
      {open && node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <Row
              key={child.id}
              node={child}
              origin={origin}
              depth={depth + 1}
              onPick={onPick}
              textFor={textFor}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The data available at the node, one tree per source (its input, the trigger, each node
 * upstream), with the origin of the values: a real run, the pinned sample or computed here.
 */
export function SourceTree({
  sources,
  onPick,
  textFor,
}: {
  sources: readonly DataSource[];
  onPick: (source: PickedSource) => void;
  textFor: (source: PickedSource) => string;
}) {
  if (sources.length === 0) {
    return <p className="hint">This node has nothing upstream: connect it after a trigger.</p>;
  }
  return (
    <div className="source-tree" aria-label="Available data">
      {sources.map((source) => {
        const nodes = dataTree(source.value);
        return (
          <section key={source.title}>
            <h4>
              {source.title}{' '}
              <span className="hint">
                · {PROVENANCE[source.provenance]}
                {source.unreached ? ' · not reached by the run shown' : ''}
              </span>
            </h4>
            {source.value === undefined ? (
              <p className="hint">No data: pin a sample on the trigger or run the flow.</p>
            ) : nodes.length === 0 ? (
              <button
                type="button"
                className="tree-field"
                onClick={() => onPick({ origin: source.origin, segments: [], label: 'value' })}
              >
                {JSON.stringify(source.value)}
              </button>
            ) : (
              <ul className="tree">
                {nodes.map((node) => (
                  <Row
                    key={node.id}
                    node={node}
                    origin={source.origin}
                    depth={0}
                    onPick={onPick}
                    textFor={textFor}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
