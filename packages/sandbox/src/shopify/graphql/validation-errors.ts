/**
 * Validation errors in Shopify's words. Shopify's Admin API validates with graphql-ruby, whose
 * messages and `extensions.code` differ from graphql-js's: `Field 'x' doesn't exist on type
 * 'Order'` (`undefinedField`), `Field 'order' doesn't accept argument 'foo'`
 * (`argumentNotAccepted`), `Field 'order' is missing required arguments: id`
 * (`missingRequiredArguments`), `Variable $x is used by anonymous query but not declared`
 * (`variableNotDefined`), `Type mismatch on variable $id and argument id (String! / ID!)`
 * (`variableMismatch`), and `path` starts with the operation (`["query", "order", "x"]`). The
 * simulator validates with graphql-js and rewrites each error into that form.
 * @module
 */
import {
  GraphQLError,
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
  print,
} from 'graphql';

/** Where an AST node sits: the operation label and field / argument names leading to it. */
interface Place {
  path: string[];
  /** Label of the enclosing operation (`anonymous query`, `query Q`) for variable messages. */
  operation: string;
  /** For a variable usage: the argument it is passed to. */
  argument?: string;
}

function operationLabel(op: OperationDefinitionNode): string {
  return op.name ? `${op.operation} ${op.name.value}` : op.operation;
}

/** Maps every field, argument and variable node of `document` to its place. */
function placesOf(document: DocumentNode): Map<ASTNode, Place> {
  const places = new Map<ASTNode, Place>();
  let root = '';
  let operation = '';
  const fields: string[] = [];
  let argument: string | undefined;
  visit(document, {
    OperationDefinition: {
      enter(node) {
        root = operationLabel(node);
        operation = node.name ? node.name.value : `anonymous ${node.operation}`;
      },
    },
    FragmentDefinition: {
      enter(node) {
        root = `fragment ${node.name.value}`;
        operation = root;
      },
    },
    Field: {
      enter(node) {
        fields.push(node.alias?.value ?? node.name.value);
        places.set(node, { path: [root, ...fields], operation });
      },
      leave() {
        fields.pop();
      },
    },
    Argument: {
      enter(node) {
        argument = node.name.value;
        places.set(node, { path: [root, ...fields, node.name.value], operation });
      },
      leave() {
        argument = undefined;
      },
    },
    Variable: {
      enter(node) {
        places.set(node, {
          path: [root, ...fields, ...(argument ? [argument] : [])],
          operation,
          ...(argument ? { argument } : {}),
        });
      },
    },
    VariableDefinition: {
      enter(node) {
        places.set(node, { path: [root], operation });
      },
    },
  });
  return places;
}

/** A double-quoted name in a graphql-js message (captured without the quotes). */
const NAME = '"([^"]+)"';

interface Rewrite {
  message: string;
  code: string;
  extensions: Record<string, unknown>;
  node?: ASTNode | undefined;
}

function rewrite(error: GraphQLError, places: Map<ASTNode, Place>): Rewrite | undefined {
  const text = error.message;
  const nodes = error.nodes ?? [];
  let m = new RegExp(`^Cannot query field ${NAME} on type ${NAME}\\.`).exec(text);
  if (m) {
    return {
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      code: 'undefinedField',
      extensions: { typeName: m[2], fieldName: m[1] },
      node: nodes[0],
    };
  }
  m = new RegExp(`^Unknown argument ${NAME} on field ${NAME}\\.`).exec(text);
  if (m) {
    const field = m[2]!.split('.').pop()!;
    return {
      message: `Field '${field}' doesn't accept argument '${m[1]}'`,
      code: 'argumentNotAccepted',
      extensions: { name: field, typeName: 'Field', argumentName: m[1] },
      node: nodes[0],
    };
  }
  m = new RegExp(`^Unknown argument ${NAME} on directive ${NAME}\\.`).exec(text);
  if (m) {
    return {
      message: `Directive '${m[2]!.replace(/^@/, '')}' doesn't accept argument '${m[1]}'`,
      code: 'argumentNotAccepted',
      extensions: { name: m[2]!.replace(/^@/, ''), typeName: 'Directive', argumentName: m[1] },
      node: nodes[0],
    };
  }
  m = new RegExp(`^Field ${NAME} argument ${NAME} of type ${NAME} is required`).exec(text);
  if (m) {
    return {
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      code: 'missingRequiredArguments',
      extensions: { className: 'Field', name: m[1], arguments: m[2] },
      node: nodes[0],
    };
  }
  m = /^Variable "\$([^"]+)" is not defined/.exec(text);
  if (m) {
    const usage = nodes.find((n) => n.kind === Kind.VARIABLE);
    const place = usage ? places.get(usage) : undefined;
    return {
      message: `Variable $${m[1]} is used by ${place?.operation ?? 'anonymous query'} but not declared`,
      code: 'variableNotDefined',
      extensions: { variableName: m[1] },
      node: usage,
    };
  }
  m = /^Variable "\$([^"]+)" is never used/.exec(text);
  if (m) {
    const place = nodes[0] ? places.get(nodes[0]) : undefined;
    return {
      message: `Variable $${m[1]} is declared by ${place?.operation ?? 'anonymous query'} but not used`,
      code: 'variableNotUsed',
      extensions: { variableName: m[1] },
      node: nodes[0],
    };
  }
  m = new RegExp(
    `^Variable "\\$([^"]+)" of type ${NAME} used in position expecting type ${NAME}\\.`,
  ).exec(text);
  if (m) {
    const usage = nodes.find((n) => n.kind === Kind.VARIABLE);
    const argument = (usage ? places.get(usage)?.argument : undefined) ?? '';
    const nullability = m[2]!.replace(/!/g, '') === m[3]!.replace(/!/g, '');
    const kind = nullability ? 'Nullability mismatch' : 'Type mismatch';
    return {
      message: `${kind} on variable $${m[1]} and argument ${argument} (${m[2]} / ${m[3]})`,
      code: 'variableMismatch',
      extensions: {
        variableName: m[1],
        typeName: m[2],
        argumentName: argument,
        errorMessage: kind,
      },
      node: usage,
    };
  }
  m = new RegExp(`^Field ${NAME} of type ${NAME} must have a selection of subfields`).exec(text);
  if (m) {
    const type = m[2]!.replace(/[[\]!]/g, '');
    return {
      message: `Field must have selections (field '${m[1]}' returns ${type} but has no selections. Did you mean '${m[1]} { ... }'?)`,
      code: 'selectionMismatch',
      extensions: { nodeName: `field '${m[1]}'`, typeName: type },
      node: nodes[0],
    };
  }
  m = new RegExp(
    `^Field ${NAME} must not have a selection since type ${NAME} has no subfields`,
  ).exec(text);
  if (m) {
    const type = m[2]!.replace(/[[\]!]/g, '');
    return {
      message: `Selections can't be made on scalars (field '${m[1]}' returns ${type} but has selections)`,
      code: 'selectionMismatch',
      extensions: { nodeName: `field '${m[1]}'`, typeName: type },
      node: nodes[0],
    };
  }
  return undefined;
}

/** graphql-js validation errors as Shopify words them (unknown kinds pass through unchanged). */
export function shopifyValidationErrors(
  document: DocumentNode,
  errors: readonly GraphQLError[],
): GraphQLError[] {
  const places = placesOf(document);
  const out: GraphQLError[] = [];
  const missing = new Map<ASTNode, GraphQLError>();
  for (const error of errors) {
    const shaped = rewrite(error, places);
    if (!shaped) {
      out.push(error);
      continue;
    }
    const place = shaped.node ? places.get(shaped.node) : undefined;
    // One error per field that lacks arguments, naming all of them, as Shopify answers.
    if (shaped.code === 'missingRequiredArguments' && shaped.node) {
      const earlier = missing.get(shaped.node);
      if (earlier) {
        const names = `${String(earlier.extensions.arguments)}, ${String(shaped.extensions.arguments)}`;
        const merged = new GraphQLError(earlier.message.replace(/: .*$/, `: ${names}`), {
          ...(earlier.nodes ? { nodes: earlier.nodes } : {}),
          ...(earlier.path ? { path: earlier.path } : {}),
          extensions: { ...earlier.extensions, arguments: names },
        });
        out[out.indexOf(earlier)] = merged;
        missing.set(shaped.node, merged);
        continue;
      }
    }
    const rewritten = new GraphQLError(shaped.message, {
      ...(error.nodes ? { nodes: error.nodes } : {}),
      ...(place ? { path: place.path } : {}),
      extensions: { code: shaped.code, ...shaped.extensions },
    });
    if (shaped.code === 'missingRequiredArguments' && shaped.node)
      missing.set(shaped.node, rewritten);
    out.push(rewritten);
  }
  return out;
}

/**
 * Variable values that do not fit their declared types, as graphql-ruby reports them:
 * `Variable $id of type ID! was provided invalid value` (plus `for <path> (<explanation>)` when
 * the problem is inside an input object), with `extensions.value` (what was sent) and
 * `extensions.problems` (`[{ path, explanation }]`).
 */
export function shopifyVariableErrors(
  definitions: readonly VariableDefinitionNode[],
  inputs: Record<string, unknown>,
  errors: readonly GraphQLError[],
): GraphQLError[] {
  return errors.map((error) => {
    const name = /^Variable "\$([^"]+)"/.exec(error.message)?.[1];
    const definition = definitions.find((d) => d.variable.name.value === name);
    if (!name || !definition) return error;
    const inner = / at "([^"]+)"; /.exec(error.message)?.[1];
    const path = inner ? inner.split('.').slice(1) : [];
    const missingField = /Field "([^"]+)" of required type "[^"]+" was not provided/.exec(
      error.message,
    )?.[1];
    if (missingField) path.push(missingField);
    const explanation =
      missingField || /was not provided\.$|must not be null\.$/.test(error.message)
        ? 'Expected value to not be null'
        : (error.message.split('; ').slice(1).join('; ') || error.message).replace(/\.$/, '');
    const where = path.length > 0 ? ` for ${path.join('.')} (${explanation})` : '';
    return new GraphQLError(
      `Variable $${name} of type ${print(definition.type)} was provided invalid value${where}`,
      {
        ...(error.nodes ? { nodes: error.nodes } : {}),
        extensions: { value: inputs[name] ?? null, problems: [{ path, explanation }] },
      },
    );
  });
}
