/**
 * The executor every posting node shares: evaluate the mapping over the input, make amounts
 * exact, validate the document once at the adapter boundary (errors name the field and line),
 * then post it exactly once to the node's ERP.
 *
 * @module
 */
import { PermanentError, type ExecuteContext, type NodeExecutor } from '@paybridge/engine';
import type { ErpAdapter } from '../../adapter';
import { bookingDates } from '../../booking-dates';
import type { DocumentType } from '../../documents';
import { ErpError } from '../../errors';
import type { ErpDocument, Posted } from '../../records';
import { checkDocument, type CheckedDocument, type DocumentKind } from '../../boundary';
import type { NodeDefinition } from '../../../define-node';
import { implementNode } from '../../../define-node';
import { businessReference } from '../../../effects/business-reference';
import { exactAmounts } from './amounts';
import type { ErpRuntime } from './erp-runtime';
import { toNodeError } from './errors';
import { fingerprint } from '../../../effects/fingerprint';
import { postOnce } from './post-once';

/** How a posting node turns its mapped value into a posting. */
export interface DocumentNodeSpec<K extends DocumentType, Doc = CheckedDocument<K>> {
  /** Document type: which schema the boundary checks, and for lookups of an unknown outcome. */
  type: K;
  what: string;
  amountFields: readonly string[];
  lineAmountFields?: readonly string[];
  post(adapter: ErpAdapter, doc: Doc): Promise<Posted<ErpDocument>>;
  /** The reference to look the document up by. */
  reference(doc: Doc): string;
}

/** Evaluates a mapping over the input; failures are permanent (fix the mapping). */
export async function evaluateMapping(ctx: ExecuteContext<unknown>, expression: string) {
  try {
    return await ctx.evaluate(expression, ctx.input);
  } catch (err) {
    throw new PermanentError('MAPPING_FAILED', `The mapping failed: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * Validates a mapped document at the adapter boundary, turning a refusal into a permanent error
 * naming the line. The adapter receives the checked document and does not parse it again.
 */
export function validDocument<K extends DocumentKind>(
  kind: K,
  mapped: unknown,
): CheckedDocument<K> {
  try {
    return checkDocument(kind, mapped);
  } catch (err) {
    throw err instanceof ErpError ? toNodeError(err) : err;
  }
}

/**
 * The business reference of a posting: the document's external reference (set by the node's
 * mapping) on the node's ERP connection, so the same document posted from another event or flow
 * posts once. Customers are upserts whose data may change between orders: they stay scoped to the
 * flow and event (the adapter's upsert by reference keeps them single).
 */
function postingReference<K extends DocumentType>(
  ctx: ExecuteContext<unknown>,
  spec: DocumentNodeSpec<K>,
  doc: CheckedDocument<K>,
): string | null {
  const reference = spec.reference(doc);
  if (spec.type === 'customer' || !reference) return null;
  const connectionId = (ctx.config as { connectionId?: unknown }).connectionId;
  return businessReference({
    connector: 'erp',
    connectionId: typeof connectionId === 'string' ? connectionId : 'built-in',
    operation: spec.type,
    custom: reference,
    shopify: { orderId: null, refundId: null, refunded: null },
  });
}

/** Implements a posting node. */
export function documentExecutor<Config extends { mapping: string }, K extends DocumentType>(
  definition: NodeDefinition<Config, string>,
  runtime: ErpRuntime,
  spec: DocumentNodeSpec<K>,
): NodeExecutor<Config> {
  return implementNode(definition, async (ctx) => {
    const mapped = await evaluateMapping(ctx, ctx.config.mapping);
    const dated = bookingDates(mapped, runtime.timeZone);
    const doc = validDocument(
      spec.type,
      exactAmounts(dated, spec.amountFields, spec.lineAmountFields),
    );
    const adapter = runtime.adapterFor(ctx);
    const result = await postOnce(ctx, {
      ref: { item: '', business: postingReference(ctx, spec, doc) },
      // The same digest as before business references, so earlier records still match.
      fingerprint: fingerprint(doc, 'base64url'),
      unknownOutcomeWaitMs: adapter.unknownOutcomeWaitMs,
      post: () => spec.post(adapter, doc),
      find: async () => adapter.findByReference(spec.type, spec.reference(doc)),
    });
    ctx.logger.info(result.created ? `${spec.what} posted` : `${spec.what} already posted`, {
      erp: adapter.kind,
      id: result.document.id,
      origin: result.origin,
    });
    return { output: { erp: adapter.kind, ...result } };
  });
}
