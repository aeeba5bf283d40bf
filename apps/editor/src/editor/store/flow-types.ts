import type { Edge, Node } from '@xyflow/react';
import type { RetryPolicyOverride, StickyNote } from '@paybridge/engine';
import type { RunStep } from '../../api/runs-api';

/** What a canvas node carries: exactly the saved node's fields, nothing derived. */
export type FlowNodeData = {
  type: string;
  typeVersion: number;
  name?: string;
  config: Record<string, unknown>;
  retry?: RetryPolicyOverride;
};

/** Every canvas node is drawn by the one generic card, keyed `flow`. */
export type FlowNode = Node<FlowNodeData, 'flow'>;

/** What a sticky note carries on the canvas. */
export type NoteNodeData = { text: string; color?: StickyNote['color'] };

/**
 * A sticky note on the canvas, keyed `note:<id>` (a colon never appears in a node id, so a note
 * can never be taken for a node). Kept apart from the flow's nodes: nothing runs it.
 */
export type NoteNode = Node<NoteNodeData, 'note'>;

/** Canvas id prefix of sticky notes. */
export const NOTE_PREFIX = 'note:';

/** Canvas edges; `sourceHandle` / `targetHandle` are the port names. */
export type FlowEdge = Edge;

/** A problem shown on a node card and in the inspector. */
export interface NodeIssue {
  /** Path inside the node's config (empty for the node as a whole). */
  path: (string | number)[];
  message: string;
  code: string;
  severity: 'error' | 'warning';
}

/** What a test run reported for one node. */
export interface NodeRunState {
  status: string;
  port: string | null;
  input: unknown;
  output: unknown;
  error: unknown;
  durationMs: number;
  /** How many times the node ran in this run (retries included). */
  attempts?: number;
  /** When a retrying node's next attempt is due (ISO time), else null. */
  resumeAt?: string | null;
  /** The connector call behind a failed step, as the runtime summarised it (secrets scrubbed). */
  http?: RunStep['http'];
}
