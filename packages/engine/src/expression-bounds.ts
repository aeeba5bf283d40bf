import jsonata from 'jsonata';
import type { ExpressionEvaluator } from './expression-evaluator';
import { inProcessEvaluator } from './expression-evaluator';

/**
 * Built-in functions whose cost and result are at most linear in their arguments: no function
 * arguments, no regular expressions, no sorting, no padding to a requested length.
 */
const LINEAR_FUNCTIONS: ReadonlySet<string> = new Set([
  'merge',
  'string',
  'number',
  'boolean',
  'not',
  'exists',
  'count',
  'sum',
  'max',
  'min',
  'average',
  'length',
  'substring',
  'substringBefore',
  'substringAfter',
  'uppercase',
  'lowercase',
  'trim',
  'contains',
  'join',
  'keys',
  'lookup',
  'append',
  'reverse',
  'spread',
  'round',
  'floor',
  'ceil',
  'abs',
  'type',
  'now',
  'millis',
  'fromMillis',
  'toMillis',
  'formatNumber',
  'formatInteger',
  'parseInteger',
  'node',
]);

/** Variables that name the run's data; inside a per-item step they could multiply the work. */
const TOP_LEVEL_VARIABLES: ReadonlySet<string> = new Set(['', '$', 'input', 'trigger', 'env']);

/** AST keys that hold no sub-expression (or hold only what `walk` checks itself). */
const PLAIN_KEYS: ReadonlySet<string> = new Set([
  'type',
  'value',
  'position',
  'keepArray',
  'keepSingletonArray',
  'consarray',
]);

/** Expressions bigger than this are not examined: isolation costs little next to their work. */
const MAX_NODES = 400;

type Ast = Record<string, unknown>;

class Unbounded extends Error {}

/**
 * Walks a JSONata AST and throws `Unbounded` at anything whose cost is not plainly linear in the
 * data: function definitions, regular expressions, ranges, sorting, transforms, higher-order and
 * unlisted functions, parent and descendant steps, positional bindings, and, inside anything
 * evaluated once per item (a path's later steps, predicates, grouping), any variable other than
 * the item itself (`$$`, `$input`, `$node(...)` there would read the whole data once per item).
 */
function checkBounded(root: unknown): void {
  let nodes = 0;
  const walk = (node: unknown, perItem: boolean, bound: ReadonlySet<string>): void => {
    if (++nodes > MAX_NODES) throw new Unbounded();
    if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new Unbounded();
    const ast = node as Ast;
    const known = new Set(PLAIN_KEYS);
    const sub = (key: string, item = perItem): void => {
      known.add(key);
      if (ast[key] !== undefined) walk(ast[key], item, bound);
    };
    const subs = (key: string, item = perItem): void => {
      known.add(key);
      const list = ast[key];
      if (list === undefined) return;
      if (!Array.isArray(list)) throw new Unbounded();
      for (const entry of list) walk(entry, item, bound);
    };
    const stages = (key: string): void => {
      known.add(key);
      const list = ast[key];
      if (list === undefined) return;
      if (!Array.isArray(list)) throw new Unbounded();
      for (const stage of list as Ast[]) {
        if (stage?.type !== 'filter') throw new Unbounded();
        walk(stage.expr, true, bound);
      }
    };
    switch (ast.type) {
      case 'string':
      case 'number':
      case 'value':
      case 'name':
      case 'wildcard':
        break;
      case 'variable': {
        const name = String(ast.value);
        const allowed = perItem
          ? name === '' || name === 'env'
          : TOP_LEVEL_VARIABLES.has(name) || bound.has(name);
        if (!allowed) throw new Unbounded();
        break;
      }
      case 'path': {
        known.add('steps');
        const steps = ast.steps;
        if (!Array.isArray(steps)) throw new Unbounded();
        steps.forEach((step: unknown, index) => walk(step, perItem || index > 0, bound));
        known.add('group');
        const group = ast.group as { lhs?: unknown } | undefined;
        if (group !== undefined) pairs(group.lhs, true);
        break;
      }
      case 'binary':
        if (ast.value === '..') throw new Unbounded();
        sub('lhs');
        sub('rhs');
        break;
      case 'unary':
        if (ast.value === '-') sub('expression');
        else if (ast.value === '[') subs('expressions');
        else if (ast.value === '{') {
          known.add('lhs');
          pairs(ast.lhs, perItem);
        } else throw new Unbounded();
        break;
      case 'condition':
        sub('condition');
        sub('then');
        sub('else');
        break;
      case 'function': {
        known.add('procedure');
        known.add('name');
        const procedure = ast.procedure as Ast | undefined;
        const name = String(procedure?.value);
        if (procedure?.type !== 'variable' || !LINEAR_FUNCTIONS.has(name) || bound.has(name)) {
          throw new Unbounded();
        }
        // `$node("id")` once per item would hand over a whole output each time.
        if (perItem && name === 'node') throw new Unbounded();
        subs('arguments');
        break;
      }
      case 'block': {
        known.add('expressions');
        const list = ast.expressions;
        if (!Array.isArray(list)) throw new Unbounded();
        const scope = new Set(bound);
        for (const expression of list as Ast[]) {
          if (expression?.type === 'bind') {
            const lhs = expression.lhs as Ast | undefined;
            if (lhs?.type !== 'variable' || perItem) throw new Unbounded();
            walk(expression.rhs, perItem, scope);
            scope.add(String(lhs.value));
          } else walk(expression, perItem, scope);
        }
        break;
      }
      default:
        throw new Unbounded();
    }
    stages('stages');
    stages('predicate');
    for (const key of Object.keys(ast)) if (!known.has(key)) throw new Unbounded();

    function pairs(list: unknown, item: boolean): void {
      if (!Array.isArray(list)) throw new Unbounded();
      for (const pair of list) {
        if (!Array.isArray(pair) || pair.length !== 2) throw new Unbounded();
        walk(pair[0], item, bound);
        walk(pair[1], item, bound);
      }
    }
  };
  walk(root, false, new Set());
}

const verdicts = new Map<string, boolean>();
const VERDICT_LIMIT = 2000;

/**
 * Whether an expression's time and memory are plainly linear in the data it reads: field paths,
 * literals, object and array constructors, operators, conditions, local variables and a list of
 * linear built-ins (`$merge`, `$string`, `$sum`, ...). Such an expression cannot run away, so it
 * may be evaluated without the cost of a thread hop, under JSONata's own time limit and the size
 * caps. Anything else (or anything that does not parse) is not bounded. Cached by source.
 */
export function isBoundedExpression(source: string): boolean {
  const hit = verdicts.get(source);
  if (hit !== undefined) return hit;
  let verdict: boolean;
  try {
    checkBounded(jsonata(source).ast());
    verdict = true;
  } catch {
    verdict = false;
  }
  if (verdicts.size >= VERDICT_LIMIT) {
    const oldest = verdicts.keys().next().value;
    if (oldest !== undefined) verdicts.delete(oldest);
  }
  verdicts.set(source, verdict);
  return verdict;
}

/**
 * An evaluator that runs bounded expressions ({@link isBoundedExpression}) in the calling thread
 * and hands every other one to `isolated` (the runtime's thread pool with hard time and memory
 * limits). A chain of cheap mappings then costs no thread round trip per node.
 */
export function boundedInProcess(isolated: ExpressionEvaluator): ExpressionEvaluator {
  return {
    evaluate: (source, input, bindings, limits) =>
      isBoundedExpression(source)
        ? inProcessEvaluator.evaluate(source, input, bindings, limits)
        : isolated.evaluate(source, input, bindings, limits),
  };
}
