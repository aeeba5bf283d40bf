/**
 * Runs one GraphQL request the way the Admin API does: parse and validate, refuse input arrays
 * above 250 items, coerce variables,
 * compute the requested cost, refuse queries above the single-query maximum
 * (MAX_COST_EXCEEDED), throttle when the bucket cannot cover the cost (THROTTLED, still HTTP
 * 200, no data), execute, then refund the unused points. Every answer carries `extensions.cost`.
 * @module
 */
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import type { ShopContext } from '../context.js';
import { actualCost, requestedCost } from './cost.js';
import { inputSizeErrors } from './input-limits.js';
import { runDueCancelJobs } from '../store/order-cancel.js';
import { shopifyValidationErrors, shopifyVariableErrors } from './validation-errors.js';
import type { GqlContext } from './resolvers/shared.js';
import { returnPoints, takePoints, throttleStatus } from './throttle.js';

/** A GraphQL request body. */
export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';

function costExtension(sim: ShopContext, requested: number, actual: number | null) {
  return {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: throttleStatus(sim),
    },
  };
}

function failure(sim: ShopContext, errors: readonly GraphQLError[], requested = 0) {
  return { errors: errors.map((e) => e.toJSON()), extensions: costExtension(sim, requested, null) };
}

function maxCostError(cost: number, max: number): GraphQLError {
  const message =
    `Query cost is ${cost}, which exceeds the single query max cost limit (${max}).\n\n` +
    'See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n' +
    'cost of a query is calculated.\n\n' +
    'To query larger amounts of data with fewer limits, bulk operations should be used instead.\n' +
    'See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n';
  return new GraphQLError(message, {
    extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: max, documentation: RATE_LIMIT_DOCS },
  });
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** Runs a request; answers the JSON body (always HTTP 200 from here). */
export async function runGraphql(
  sim: ShopContext,
  schema: GraphQLSchema,
  version: string,
  request: GraphqlRequest,
): Promise<Record<string, unknown>> {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return failure(sim, [error instanceof GraphQLError ? error : new GraphQLError(String(error))]);
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return failure(sim, shopifyValidationErrors(document, invalid));
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) {
    const message = request.operationName
      ? `No operation named "${request.operationName}"`
      : 'An operation name is required';
    return failure(sim, [new GraphQLError(message)]);
  }
  const inputs = request.variables ?? {};
  const oversized = inputSizeErrors(document, inputs);
  if (oversized.length > 0) return failure(sim, oversized);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  if (coerced.errors) {
    const definitions = operation.variableDefinitions ?? [];
    return failure(sim, shopifyVariableErrors(definitions, inputs, coerced.errors));
  }
  const costInput = {
    schema,
    operation,
    fragments: fragmentsOf(document),
    variables: coerced.coerced,
    mutationCost: sim.settings.mutationCost,
  };
  const requested = requestedCost(costInput);
  if (requested > sim.settings.maxQueryCost) {
    return failure(sim, [maxCostError(requested, sim.settings.maxQueryCost)], requested);
  }
  if (!takePoints(sim, requested)) {
    const throttled = new GraphQLError('Throttled', {
      extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS },
    });
    return failure(sim, [throttled], requested);
  }
  runDueCancelJobs(sim);
  const contextValue: GqlContext = { sim, version, search: [] };
  const result = await execute({
    schema,
    document,
    operationName: request.operationName ?? undefined,
    variableValues: inputs,
    contextValue,
  });
  const actual = result.data ? actualCost(costInput, result.data) : 0;
  returnPoints(sim, Math.max(0, requested - actual));
  const body: Record<string, unknown> = {};
  if (result.errors) body.errors = result.errors.map((e) => e.toJSON());
  body.data = result.data ?? null;
  body.extensions = {
    ...costExtension(sim, requested, actual),
    ...(contextValue.search.length > 0 ? { search: contextValue.search } : {}),
  };
  return body;
}
