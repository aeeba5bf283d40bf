/**
 * A GraphQL operation declared once: its constant document, the zod schemas of its variables and
 * of its `data`, what it costs, and (for mutations) where its `userErrors` are. The client
 * validates variables before sending and the answer before anyone reads it.
 *
 * @module
 */
import type { z } from 'zod';
import type { ShopifyUserErrorEntry } from './errors';

interface OperationBase<Variables extends z.ZodType, Data extends z.ZodType> {
  /** The operation name in the document, used in messages. */
  readonly name: string;
  readonly document: string;
  readonly variables: Variables;
  readonly data: Data;
  /**
   * The requested cost Shopify will calculate, estimated from the variables (a connection of
   * `first: n` costs about n times its node). Reserved in the cost bucket before sending.
   */
  readonly cost: (variables: z.output<Variables>) => number;
}

/** A query: reading twice is harmless, so the client retries it freely. */
export interface QueryOperation<
  Variables extends z.ZodType,
  Data extends z.ZodType,
> extends OperationBase<Variables, Data> {
  readonly kind: 'query';
}

/** A mutation: resent only when Shopify certainly did not act on it. */
export interface MutationOperation<
  Variables extends z.ZodType,
  Data extends z.ZodType,
> extends OperationBase<Variables, Data> {
  readonly kind: 'mutation';
  /** The payload's `userErrors`; any entry means Shopify refused and changed nothing. */
  readonly userErrors: (data: z.output<Data>) => readonly ShopifyUserErrorEntry[];
}

/** Either kind. */
export type Operation<Variables extends z.ZodType, Data extends z.ZodType> =
  QueryOperation<Variables, Data> | MutationOperation<Variables, Data>;

/** Declares a query (frozen). */
export function defineQuery<Variables extends z.ZodType, Data extends z.ZodType>(
  operation: Omit<QueryOperation<Variables, Data>, 'kind'>,
): QueryOperation<Variables, Data> {
  return Object.freeze({ ...operation, kind: 'query' as const });
}

/** Declares a mutation (frozen). Shopify bills a top-level mutation field 10 points. */
export function defineMutation<Variables extends z.ZodType, Data extends z.ZodType>(
  operation: Omit<MutationOperation<Variables, Data>, 'kind' | 'cost'> & {
    cost?: MutationOperation<Variables, Data>['cost'];
  },
): MutationOperation<Variables, Data> {
  return Object.freeze({ cost: () => 10, ...operation, kind: 'mutation' as const });
}
