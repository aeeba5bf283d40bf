/** One step from a value to a part of it. `each` steps into every item of an array. */
export type PathSegment = { key: string } | { index: number } | { each: true };

/** Where the data comes from, as seen from the node being edited. */
export type DataOrigin =
  /** The node's own input (its predecessor's output): paths are relative. */
  | { kind: 'input' }
  /** The trigger's event: `$trigger`. */
  | { kind: 'trigger' }
  /** Any upstream node's output: `$node("id")`. */
  | { kind: 'node'; nodeId: string };

/** The JSON type a target expects, when a schema says. */
export type TargetType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'any';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words JSONata reads as operators or literals, never as field names, unless quoted. */
const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/**
 * One field name as a JSONata path step: plain names stay plain, anything else (spaces, dashes,
 * leading digits, reserved words) is quoted in backticks. A name that itself contains a
 * backtick cannot be quoted, so it is looked up with `$lookup`, which works as a path step.
 */
export function fieldStep(key: string): string {
  if (PLAIN.test(key) && !RESERVED.has(key)) return key;
  if (!key.includes('`')) return `\`${key}\``;
  return `$lookup($, ${JSON.stringify(key)})`;
}

function originExpression(origin: DataOrigin): string | null {
  if (origin.kind === 'trigger') return '$trigger';
  if (origin.kind === 'node') return `$node(${JSON.stringify(origin.nodeId)})`;
  return null;
}

/** The written path and what a reader should know about its result. */
export interface WrittenPath {
  expression: string;
  /** The path passes through an array without an index: it yields one value per item. */
  perItem: boolean;
}

/**
 * Writes the JSONata that reads `segments` from `origin`. Array steps without an index map over
 * every item (JSONata does this by itself); when the target is not a single value, the path
 * is wrapped in `[...]` so that an array of one item still arrives as an array (JSONata's
 * classic surprise) and nested arrays arrive flat. An index step reads one item: `items[0].sku`.
 *
 * @example writePath({ kind: 'input' }, [{ key: 'line items' }, { each: true }, { key: 'sku' }], 'array')
 * // => { expression: '[`line items`.sku]', perItem: true }
 */
export function writePath(
  origin: DataOrigin,
  segments: readonly PathSegment[],
  target: TargetType = 'any',
): WrittenPath {
  const steps: string[] = [];
  const head = originExpression(origin);
  if (head) steps.push(head);
  let perItem = false;
  for (const segment of segments) {
    if ('key' in segment) steps.push(fieldStep(segment.key));
    else if ('index' in segment) {
      if (steps.length === 0) steps.push('$');
      steps[steps.length - 1] += `[${segment.index}]`;
    } else perItem = true;
  }
  let expression = steps.length === 0 ? '$' : steps.join('.');
  const scalar =
    target === 'string' || target === 'number' || target === 'integer' || target === 'boolean';
  if (perItem && !scalar && segments.length > 0 && !('each' in (segments.at(-1) as PathSegment))) {
    expression = `[${expression}]`;
  } else if (perItem && !scalar && 'each' in (segments.at(-1) as PathSegment)) {
    // The array itself was picked: it already is an array.
    perItem = segments.slice(0, -1).some((s) => 'each' in s);
  }
  return { expression, perItem };
}
