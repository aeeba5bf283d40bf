import type { Edge, FlowGraph, NodeInstance } from './flow-graph';

/** One setting that differs between two versions of a node, at a dotted path (`config.amount`). */
export interface FieldChange {
  path: string;
  /** Absent (undefined) when the field did not exist in the older version. */
  before: unknown;
  /** Absent (undefined) when the field no longer exists in the newer version. */
  after: unknown;
}

/** A node present in both versions whose type, name, settings or retry policy differ. */
export interface NodeChange {
  id: string;
  type: string;
  fields: FieldChange[];
}

/** What changed from one flow version to another. */
export interface VersionDiff {
  added: NodeInstance[];
  removed: NodeInstance[];
  changed: NodeChange[];
  /** Nodes present in both with equal settings that only moved on the canvas. */
  moved: string[];
  edgesAdded: Edge[];
  edgesRemoved: Edge[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => equal(v, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!equal(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * Collects leaf differences: objects are walked key by key so a reviewer sees `config.amount`
 * rather than a whole config blob; arrays and scalars are compared as one value, since an
 * index-by-index listing of a shifted list says less than its old and new contents.
 */
function fieldChanges(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (equal(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) fieldChanges(before[k], after[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.push({ path, before, after });
}

function edgeKey(e: Edge): string {
  return `${e.from.node}\u0000${e.from.port}\u0000${e.to.node}\u0000${e.to.port}`;
}

/**
 * The difference between two saved versions of a flow, for the editor's side-by-side review
 * before one of them is made live: nodes added, removed and changed (each changed setting with
 * its old and new value), and wires added and removed. Nodes are matched by id, which survives
 * edits; canvas moves are reported apart, since they change nothing a run does.
 */
export function diffVersions(before: FlowGraph, after: FlowGraph): VersionDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const diff: VersionDiff = {
    added: after.nodes.filter((n) => !old.has(n.id)),
    removed: before.nodes.filter((n) => !now.has(n.id)),
    changed: [],
    moved: [],
    edgesAdded: [],
    edgesRemoved: [],
  };
  for (const b of before.nodes) {
    const a = now.get(b.id);
    if (!a) continue;
    const fields: FieldChange[] = [];
    const { position: bp, ...bRest } = b;
    const { position: ap, ...aRest } = a;
    fieldChanges(bRest, aRest, '', fields);
    if (fields.length > 0) diff.changed.push({ id: a.id, type: a.type, fields });
    else if (!equal(bp, ap)) diff.moved.push(a.id);
  }
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  diff.edgesAdded = after.edges.filter((e) => !oldEdges.has(edgeKey(e)));
  diff.edgesRemoved = before.edges.filter((e) => !newEdges.has(edgeKey(e)));
  return diff;
}

/** True when two versions would run the same way (canvas moves aside). */
export function isEmptyDiff(d: VersionDiff): boolean {
  return (
    d.added.length === 0 &&
    d.removed.length === 0 &&
    d.changed.length === 0 &&
    d.edgesAdded.length === 0 &&
    d.edgesRemoved.length === 0
  );
}
