/**
 * Executor of `erp.journal-post`: the shared posting executor, except that a mapping giving an
 * empty `lines` list posts nothing. A scheduled settlement flow meets batches that moved no money
 * (or no batch at all); failing on those would dead-letter the flow on every tick.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import type { NodeDefinition } from '../../../define-node';
import { implementNode } from '../../../define-node';
import { documentExecutor, evaluateMapping } from '../shared/document-executor';
import type { ErpRuntime } from '../shared/erp-runtime';
import { erpJournalPostNode } from './definition';

type Config = typeof erpJournalPostNode extends NodeDefinition<infer C, string> ? C : never;

/** True for a mapped journal that explicitly has no lines. */
export function isEmptyJournal(mapped: unknown): boolean {
  if (!mapped || typeof mapped !== 'object' || Array.isArray(mapped)) return false;
  const lines = (mapped as { lines?: unknown }).lines;
  return Array.isArray(lines) && lines.length === 0;
}

/** Builds the executor on the lookup's ERP runtime. */
export function createJournalPostExecutor(runtime: ErpRuntime): NodeExecutor<Config> {
  const post = documentExecutor(erpJournalPostNode, runtime, {
    type: 'journal',
    what: 'journal',
    amountFields: [],
    lineAmountFields: ['debit', 'credit'],
    post: (erp, doc) => erp.postJournal(doc),
    reference: (doc) => doc.externalRef,
  });
  return implementNode(erpJournalPostNode, async (ctx) => {
    if (!isEmptyJournal(await evaluateMapping(ctx, ctx.config.mapping))) return post.execute(ctx);
    const adapter = runtime.adapterFor(ctx);
    ctx.logger.info('journal has no lines: nothing posted', { erp: adapter.kind });
    return {
      output: {
        erp: adapter.kind,
        created: false as const,
        origin: 'empty' as const,
        document: null,
      },
    };
  });
}
