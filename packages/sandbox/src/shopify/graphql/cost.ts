/**
 * Calculated query cost, Shopify's way. Requested cost is static, before execution: scalars and
 * enums 0, objects 1, connections 2 plus `first`/`last` × the cost of one node (so nested
 * connections multiply), lists of objects sized by `first` (1 when unsized: simulator choice),
 * abstract selections the most expensive branch, every top-level mutation field a flat
 * `mutationCost`. Actual cost walks the answer the same way, counting the nodes really returned.
 * @module
 */
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  valueFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Inputs of a cost calculation. */
export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  mutationCost: number;
}

type Fields = Record<string, GraphQLField<unknown, unknown>>;

function fieldsOf(type: GraphQLCompositeType): Fields {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

function compositeOf(field: GraphQLField<unknown, unknown> | undefined) {
  const named = field && getNamedType(field.type);
  return named && !isLeafType(named) ? (named as GraphQLCompositeType) : undefined;
}

/** Selected fields: those on the parent type, and per concrete type those of fragments on it. */
function collect(input: CostInput, parent: GraphQLCompositeType, set: SelectionSetNode) {
  const common: FieldNode[] = [];
  const branches = new Map<string, FieldNode[]>();
  const visit = (selections: SelectionSetNode, condition: string | undefined) => {
    for (const selection of selections.selections) {
      if (selection.kind === 'Field') {
        if (!condition || condition === parent.name) common.push(selection);
        else branches.set(condition, [...(branches.get(condition) ?? []), selection]);
        continue;
      }
      const fragment =
        selection.kind === 'FragmentSpread' ? input.fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const typeName = fragment.typeCondition?.name.value;
      const abstract = typeName !== undefined && isAbstractType(input.schema.getType(typeName));
      visit(fragment.selectionSet, typeName === undefined || abstract ? condition : typeName);
    }
  };
  visit(set, undefined);
  return { common, branches };
}

const keyOf = (node: FieldNode) => node.alias?.value ?? node.name.value;

function pageSize(input: CostInput, field: GraphQLField<unknown, unknown>, node: FieldNode) {
  for (const name of ['first', 'last']) {
    const definition = field.args.find((a) => a.name === name);
    const given = node.arguments?.find((a) => a.name.value === name);
    if (!definition || !given) continue;
    const value = valueFromAST(given.value, definition.type, input.variables);
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/** Where a connection's node sits: `nodes { … }` or `edges { node { … } }`. */
function connectionNodes(
  input: CostInput,
  connection: GraphQLCompositeType,
  set: SelectionSetNode,
) {
  const found: { path: string[]; type: GraphQLCompositeType; set: SelectionSetNode }[] = [];
  for (const node of collect(input, connection, set).common) {
    const type = compositeOf(fieldsOf(connection)[node.name.value]);
    if (!type || !node.selectionSet) continue;
    if (node.name.value === 'nodes')
      found.push({ path: [keyOf(node)], type, set: node.selectionSet });
    if (node.name.value !== 'edges') continue;
    for (const inner of collect(input, type, node.selectionSet).common) {
      const nodeType = compositeOf(fieldsOf(type)[inner.name.value]);
      if (inner.name.value === 'node' && nodeType && inner.selectionSet) {
        found.push({ path: [keyOf(node), keyOf(inner)], type: nodeType, set: inner.selectionSet });
      }
    }
  }
  return found;
}

function selectionCost(
  input: CostInput,
  parent: GraphQLCompositeType,
  set: SelectionSetNode,
): number {
  const { common, branches } = collect(input, parent, set);
  const sum = (nodes: FieldNode[], type: GraphQLCompositeType) =>
    nodes.reduce((s, n) => s + fieldCost(input, type, n), 0);
  let branchCost = 0;
  for (const [typeName, nodes] of branches) {
    const type = input.schema.getType(typeName);
    if (isObjectType(type)) branchCost = Math.max(branchCost, sum(nodes, type));
  }
  return sum(common, parent) + branchCost;
}

function fieldCost(input: CostInput, parent: GraphQLCompositeType, node: FieldNode): number {
  const field = fieldsOf(parent)[node.name.value];
  const type = compositeOf(field);
  if (!field || !type || !node.selectionSet) return 0;
  if (type.name.endsWith('Connection')) {
    const perNode = Math.max(
      0,
      ...connectionNodes(input, type, node.selectionSet).map(
        (n) => 1 + selectionCost(input, n.type, n.set),
      ),
    );
    return 2 + (pageSize(input, field, node) ?? 0) * perNode;
  }
  const child = 1 + selectionCost(input, type, node.selectionSet);
  return isListType(getNullableType(field.type))
    ? (pageSize(input, field, node) ?? 1) * child
    : child;
}

/** The requested (static, worst-case) cost of an operation. */
export function requestedCost(input: CostInput): number {
  if (input.operation.operation === 'mutation') {
    const root = input.schema.getMutationType();
    if (!root) return 0;
    const fields = collect(input, root, input.operation.selectionSet).common;
    return fields.filter((f) => !f.name.value.startsWith('__')).length * input.mutationCost;
  }
  const root = input.schema.getQueryType();
  return root ? selectionCost(input, root, input.operation.selectionSet) : 0;
}

function dig(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (v, key) =>
      typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined,
    value,
  );
}

function dataCost(
  input: CostInput,
  parent: GraphQLCompositeType,
  set: SelectionSetNode,
  data: unknown,
): number {
  if (typeof data !== 'object' || data === null) return 0;
  const { common, branches } = collect(input, parent, set);
  let cost = 0;
  for (const node of [...common, ...[...branches.values()].flat()]) {
    const value = (data as Record<string, unknown>)[keyOf(node)];
    const field = fieldsOf(parent)[node.name.value];
    const type = compositeOf(field);
    if (value === null || value === undefined || !type || !node.selectionSet) continue;
    if (type.name.endsWith('Connection')) {
      const counts = connectionNodes(input, type, node.selectionSet).map((n) => {
        const list = n.path.length === 1 ? dig(value, n.path) : dig(value, n.path.slice(0, 1));
        if (!Array.isArray(list)) return 0;
        const items = n.path.length === 1 ? list : list.map((edge) => dig(edge, n.path.slice(1)));
        return items.reduce(
          (s: number, item) => s + (item ? 1 + dataCost(input, n.type, n.set, item) : 0),
          0,
        );
      });
      cost += 2 + Math.max(0, ...counts);
    } else if (Array.isArray(value)) {
      cost += value.reduce(
        (s: number, item) => s + 1 + dataCost(input, type, node.selectionSet!, item),
        0,
      );
    } else {
      cost += 1 + dataCost(input, type, node.selectionSet, value);
    }
  }
  return cost;
}

/** The actual cost: the same rules over the nodes really returned. */
export function actualCost(input: CostInput, data: unknown): number {
  if (input.operation.operation === 'mutation') return requestedCost(input);
  const root = input.schema.getQueryType();
  return root ? dataCost(input, root, input.operation.selectionSet, data) : 0;
}
