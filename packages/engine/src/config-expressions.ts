/**
 * A config value is an expression when it is a string starting with `=`: the editor lets any
 * field switch between a literal and a JSONata mapping without the schema knowing. The engine
 * resolves these before the config schema runs, except in the node type's raw expression fields,
 * whose JSONata the executor evaluates itself (per item, per rule).
 */

export type ConfigPath = (string | number)[];

export interface ConfigExpression {
  /** Where the expression sits inside config. */
  path: ConfigPath;
  /** The JSONata source, without the leading `=`. */
  source: string;
}

/** True for a config value the engine evaluates as JSONata. */
export function isExpression(value: unknown): value is `=${string}` {
  return typeof value === 'string' && value.startsWith('=');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Every expression in `config`, depth first in key order, skipping top-level raw fields. */
export function findConfigExpressions(
  config: Record<string, unknown>,
  rawExpressionFields: readonly string[] = [],
): ConfigExpression[] {
  const found: ConfigExpression[] = [];
  const walk = (value: unknown, path: ConfigPath): void => {
    if (isExpression(value)) {
      found.push({ path, source: value.slice(1) });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(config)) {
    if (!rawExpressionFields.includes(key)) walk(value, [key]);
  }
  return found;
}

/**
 * A copy of `config` with every expression replaced by what `evaluate` returns for it, evaluated
 * one after another in key order (deterministic, so a resumed run resolves the same way).
 */
export async function resolveConfigExpressions(
  config: Record<string, unknown>,
  rawExpressionFields: readonly string[],
  evaluate: (source: string, path: ConfigPath) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const resolve = async (value: unknown, path: ConfigPath): Promise<unknown> => {
    if (isExpression(value)) return evaluate(value.slice(1), path);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) out.push(await resolve(value[i], [...path, i]));
      return out;
    }
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value))
        out[key] = await resolve(item, [...path, key]);
      return out;
    }
    return value;
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = rawExpressionFields.includes(key) ? value : await resolve(value, [key]);
  }
  return out;
}
