import type { PathSegment } from './path-writer';

/** One entry of a data tree: a field (or "each item") with what it holds. */
export interface DataTreeNode {
  /** Key for React and for tests: the path joined. */
  id: string;
  label: string;
  segments: PathSegment[];
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'unknown';
  /** A short rendering of the sample value. */
  preview: string;
  children: DataTreeNode[];
}

const MAX_ITEMS = 20;
const MAX_DEPTH = 8;

function typeOf(value: unknown): DataTreeNode['type'] {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return t;
  return 'unknown';
}

function preview(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value && typeof value === 'object') return '{…}';
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function segmentId(segments: readonly PathSegment[]): string {
  return segments
    .map((s) => ('key' in s ? JSON.stringify(s.key) : 'index' in s ? `[${s.index}]` : '[*]'))
    .join('.');
}

/**
 * The tree of fields in a sample value, for dragging. An array shows one "each item" entry whose
 * fields are those of its first items together (items of one list rarely share every key), plus
 * the first item by index for when exactly that one is meant.
 */
export function dataTree(value: unknown, segments: PathSegment[] = [], depth = 0): DataTreeNode[] {
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS);
    const merged: Record<string, unknown> = {};
    let scalar: unknown;
    for (const item of items) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        for (const [k, v] of Object.entries(item)) if (!(k in merged)) merged[k] = v;
      } else scalar ??= item;
    }
    const eachSegments: PathSegment[] = [...segments, { each: true }];
    const hasObjects = Object.keys(merged).length > 0;
    const nodes: DataTreeNode[] = [
      {
        id: segmentId(eachSegments),
        label: 'each item',
        segments: eachSegments,
        type: hasObjects ? 'object' : typeOf(scalar),
        preview: hasObjects ? '{…}' : preview(scalar),
        children: hasObjects ? dataTree(merged, eachSegments, depth + 1) : [],
      },
    ];
    if (value.length > 0) {
      const first: PathSegment[] = [...segments, { index: 0 }];
      nodes.push({
        id: segmentId(first),
        label: 'first item [0]',
        segments: first,
        type: typeOf(value[0]),
        preview: preview(value[0]),
        children: dataTree(value[0], first, depth + 1),
      });
    }
    return nodes;
  }
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([key, child]) => {
      const childSegments: PathSegment[] = [...segments, { key }];
      return {
        id: segmentId(childSegments),
        label: key,
        segments: childSegments,
        type: typeOf(child),
        preview: preview(child),
        children:
          Array.isArray(child) || (child && typeof child === 'object')
            ? dataTree(child, childSegments, depth + 1)
            : [],
      };
    });
  }
  return [];
}

/** Every field name in a sample, for autocompletion. */
export function fieldNames(value: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > MAX_DEPTH) return out;
  if (Array.isArray(value))
    for (const item of value.slice(0, MAX_ITEMS)) fieldNames(item, out, depth + 1);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      fieldNames(v, out, depth + 1);
    }
  }
  return out;
}
