/**
 * Executor of `erp.document-lookup`: a read, so no effect record.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import type { NodeDefinition } from '../../../define-node';
import { implementNode } from '../../../define-node';
import type { ErpRuntime } from '../shared/erp-runtime';
import { asNodeErrors } from '../shared/errors';
import { erpDocumentLookupNode } from './definition';

type Config = typeof erpDocumentLookupNode extends NodeDefinition<infer C, string> ? C : never;

/** Builds the executor on the lookup's ERP runtime. */
export function createDocumentLookupExecutor(runtime: ErpRuntime): NodeExecutor<Config> {
  return implementNode(erpDocumentLookupNode, async (ctx) => {
    const adapter = runtime.adapterFor(ctx);
    const { documentType, reference } = ctx.config;
    const document = await asNodeErrors(() => adapter.findByReference(documentType, reference));
    return {
      port: document ? 'found' : 'not-found',
      output: { erp: adapter.kind, found: document !== null, document },
    };
  });
}
