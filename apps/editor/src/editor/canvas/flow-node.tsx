import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { categoryStyle } from '../catalog/category-style';
import { configSummary } from '../catalog/config-summary';
import { useCatalog } from '../catalog/catalog-context';
import { NodeIcon } from '../catalog/node-icon';
import { portsOf } from '../catalog/node-ports';
import type { FlowNode } from '../store/flow-types';
import { useFlowStore } from '../store/flow-store-context';
import { formatMs } from '../../runs/run-status';

const STATUS_LABEL: Record<string, string> = {
  succeeded: 'ran',
  failed: 'failed',
  retrying: 'retrying',
  suspended: 'waiting',
};

/**
 * The card every node type is drawn with: icon, title, id, a one-line summary of its config,
 * its problems and the last test run's status. Handles come from the catalogue's ports.
 */
function FlowNodeCard({ id, data, selected }: NodeProps<FlowNode>) {
  const catalog = useCatalog();
  const entry = catalog.get(data.type, data.typeVersion);
  const issues = useFlowStore((s) => s.issues[id]);
  const run = useFlowStore((s) => s.run[id]);
  const ports = portsOf(entry, data.config);
  const errors = issues?.filter((i) => i.severity === 'error') ?? [];
  const warnings = issues?.filter((i) => i.severity === 'warning') ?? [];
  const title = data.name || entry?.title || data.type;
  const rows = Math.max(ports.inputs.length, ports.outputs.length, 1);
  // A payment that was declined ran fine as a step, but reads as what it is.
  const declined = run?.status === 'succeeded' && run.port === 'declined';
  const status = run ? (declined ? 'declined' : (STATUS_LABEL[run.status] ?? run.status)) : null;
  const category = entry?.category ?? 'core';
  const look = categoryStyle(category);

  return (
    <div
      className={`flow-node${selected ? ' selected' : ''}${
        errors.length ? ' has-errors' : warnings.length ? ' has-warnings' : ''
      }${run ? ` run-${run.status}` : ''}`}
      data-testid={`node-${id}`}
      data-category={category}
      style={
        {
          minHeight: 56 + (rows - 1) * 18,
          '--cat': look.color,
          '--cat-soft': look.soft,
        } as CSSProperties
      }
    >
      {ports.inputs.map((port, i) => (
        <Handle
          key={`in-${port}`}
          type="target"
          position={Position.Left}
          id={port}
          style={{ top: 28 + i * 18 }}
          aria-label={`${title} input ${port}`}
        >
          {ports.inputs.length > 1 && <span className="handle-label in">{port}</span>}
        </Handle>
      ))}
      <div className="flow-node-head">
        <span className="flow-node-icon" title={look.title}>
          <NodeIcon icon={entry?.icon ?? ''} category={category} />
        </span>
        <span className="flow-node-title">{title}</span>
        {status && (
          <span
            className={`run-badge run-${declined ? 'declined' : run?.status}`}
            data-testid={`run-status-${id}`}
            title={`Latest run: ${status}`}
          >
            {status}
          </span>
        )}
      </div>
      <div className="flow-node-id">{id}</div>
      <div className="flow-node-summary">{configSummary(entry, data.config)}</div>
      {run && (
        <div className="flow-node-run-meta" data-testid={`run-meta-${id}`}>
          {(run.attempts ?? 1) > 1 ? `${run.attempts} attempts · ` : ''}
          {formatMs(run.durationMs)}
        </div>
      )}
      {errors.length > 0 && (
        <div className="flow-node-issue" title={errors.map((e) => e.message).join('\n')}>
          {errors.length === 1 ? errors[0]?.message : `${errors.length} problems`}
        </div>
      )}
      {errors.length === 0 && warnings.length > 0 && (
        <div
          className="flow-node-issue warning"
          title={warnings.map((w) => w.message).join('\n')}
          data-testid={`node-warning-${id}`}
        >
          {warnings.length === 1 ? warnings[0]?.message : `${warnings.length} warnings`}
        </div>
      )}
      {ports.outputs.map((port, i) => (
        <Handle
          key={`out-${port}`}
          type="source"
          position={Position.Right}
          id={port}
          style={{ top: 28 + i * 18 }}
          aria-label={`${title} output ${port}`}
        >
          {(ports.outputs.length > 1 || port !== 'out') && (
            <span className="handle-label">{port}</span>
          )}
        </Handle>
      ))}
    </div>
  );
}

/** Memoised: React Flow re-renders only the nodes whose props changed. */
export const FlowNodeView = memo(FlowNodeCard);

/** Module-level, as React Flow requires: a new object per render would remount every node. */
export const nodeTypes = { flow: FlowNodeView };
