/**
 * Shopify's input size limit: no input array may hold more than 250 items (since 2020-01), in
 * literals or in variables; such a request is refused before execution with
 * `MAX_INPUT_SIZE_EXCEEDED`.
 * @module
 */
import { GraphQLError, visit, type DocumentNode } from 'graphql';

/** The largest input array Shopify accepts. */
export const MAX_INPUT_SIZE = 250;

function tooBig(size: number): GraphQLError {
  return new GraphQLError(
    `The input array size of ${size} is greater than the maximum allowed of ${MAX_INPUT_SIZE}.`,
    { extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' } },
  );
}

function largestArray(value: unknown): number {
  if (Array.isArray(value)) {
    return Math.max(value.length, ...value.map(largestArray));
  }
  if (typeof value === 'object' && value !== null) {
    return Math.max(0, ...Object.values(value).map(largestArray));
  }
  return 0;
}

/** Errors for input arrays above the limit, in the document or the variables. */
export function inputSizeErrors(document: DocumentNode, variables: unknown): GraphQLError[] {
  let largest = largestArray(variables);
  visit(document, {
    ListValue(node) {
      largest = Math.max(largest, node.values.length);
    },
  });
  return largest > MAX_INPUT_SIZE ? [tooBig(largest)] : [];
}
