import { ExpressionError, evaluateExpression } from '@paybridge/engine';

/** What the data a node sees looks like, for previews: its input and the run's bindings. */
export interface PreviewScope {
  input: unknown;
  trigger: unknown;
  /** Outputs of upstream nodes by id (from the last run, or computed from the sample). */
  nodes: Record<string, unknown>;
}

/** The result of evaluating an expression on sample data. */
export type PreviewResult =
  { ok: true; value: unknown } | { ok: false; message: string; position: number | undefined };

/**
 * Evaluates an expression exactly as the engine will (same JSONata build, same bindings:
 * `$trigger`, `$node("id")`, `$env`, `$input`) on the sample, under a short time budget so a
 * runaway expression cannot freeze the page. Errors carry JSONata's position for a marker.
 */
export async function previewExpression(
  source: string,
  scope: PreviewScope,
): Promise<PreviewResult> {
  if (source.trim() === '') return { ok: true, value: undefined };
  try {
    const value = await evaluateExpression(
      source,
      scope.input,
      {
        trigger: scope.trigger,
        node: (id: unknown) => (typeof id === 'string' ? scope.nodes[id] : undefined),
        env: {},
        input: scope.input,
      },
      { timeoutMs: 500 },
    );
    return { ok: true, value };
  } catch (err) {
    const e = err as ExpressionError;
    const message = (e.message ?? String(err)).replace(/ in expression ".*"$/s, '');
    return { ok: false, message, position: e instanceof ExpressionError ? e.position : undefined };
  }
}

/** The JSON type name of a value, as a schema would name it. */
export function jsonType(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Why a previewed value does not fit the target's schema type, or null when it does (or when
 * the target accepts anything). Integers fit "number"; nothing (no match) fits nothing.
 */
export function typeMismatch(value: unknown, expected: string | undefined): string | null {
  if (!expected || expected === 'any') return null;
  const actual = jsonType(value);
  if (actual === expected) return null;
  if (expected === 'number' && actual === 'integer') return null;
  if (actual === 'nothing') return `expects ${expected}, but the sample gives nothing (no match)`;
  return `expects ${expected}, but the sample gives ${actual}`;
}
