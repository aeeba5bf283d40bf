/**
 * The envelope of a GraphQL answer: `data`, top-level `errors` (with `extensions.code`, e.g.
 * `THROTTLED`) and `extensions.cost` with the bucket's `throttleStatus`. Read leniently (only what
 * the client acts on must have its shape); `data` is checked later against the operation.
 *
 * @module
 */
import { z } from 'zod';
import type { ThrottleStatus } from './cost-bucket';

const GraphqlError = z.object({
  message: z.string().catch('(no message)'),
  path: z
    .array(z.union([z.string(), z.number()]))
    .optional()
    .catch(undefined),
  extensions: z
    .object({ code: z.string().optional().catch(undefined) })
    .loose()
    .optional()
    .catch(undefined),
});
/** One entry of `errors`. */
export type GraphqlError = z.infer<typeof GraphqlError>;

const Throttle = z.object({
  maximumAvailable: z.number().positive(),
  currentlyAvailable: z.number(),
  restoreRate: z.number().positive(),
});

const Cost = z.object({
  requestedQueryCost: z.number().nullable().optional(),
  actualQueryCost: z.number().nullable().optional(),
  throttleStatus: Throttle.optional(),
});

const Envelope = z.object({
  data: z.unknown().optional(),
  /** A string on HTTP errors (`"[API] Invalid API key or access token …"`), a list otherwise. */
  errors: z
    .union([z.string(), z.array(GraphqlError), z.record(z.string(), z.unknown())])
    .optional(),
  extensions: z
    .object({ cost: Cost.optional().catch(undefined) })
    .loose()
    .optional()
    .catch(undefined),
});

/** A GraphQL answer after the envelope was read. */
export interface GraphqlEnvelope {
  readonly data: unknown;
  readonly errors: readonly GraphqlError[];
  /** The error text of a non-GraphQL error body (`{"errors": "…"}`), if any. */
  readonly errorText: string | undefined;
  readonly requestedCost: number | undefined;
  readonly throttle: ThrottleStatus | undefined;
}

/** Reads an answer body; `undefined` when it is not a JSON object of this shape. */
export function readEnvelope(text: string): GraphqlEnvelope | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = Envelope.safeParse(json);
  if (!parsed.success) return undefined;
  const { data, errors, extensions } = parsed.data;
  let errorText: string | undefined;
  if (typeof errors === 'string') errorText = errors;
  else if (errors !== undefined && !Array.isArray(errors)) {
    errorText = Object.entries(errors)
      .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : String(value)}`)
      .join('; ');
  }
  const cost = extensions?.cost;
  return {
    data,
    errors: Array.isArray(errors) ? errors : [],
    errorText,
    requestedCost: cost?.requestedQueryCost ?? undefined,
    throttle: cost?.throttleStatus,
  };
}

/** Error codes of `errors[].extensions.code`. */
export function errorCodes(envelope: GraphqlEnvelope): string[] {
  return envelope.errors
    .map((error) => error.extensions?.code)
    .filter((code): code is string => typeof code === 'string');
}

/** The messages of an answer's errors, joined for a step's error message. */
export function errorMessages(envelope: GraphqlEnvelope): string {
  if (envelope.errors.length === 0) return envelope.errorText ?? 'no message';
  return envelope.errors.map((error) => error.message).join('; ');
}
