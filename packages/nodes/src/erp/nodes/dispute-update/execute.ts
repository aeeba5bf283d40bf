/**
 * Executor of `erp.dispute-update`. No effect record: the adapters make a status change
 * idempotent themselves (repeating the current status posts nothing), and a lookup could not
 * tell whether a lost update happened, while simply repeating it can.
 *
 * @module
 */
import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import type { NodeDefinition } from '../../../define-node';
import { implementNode } from '../../../define-node';
import { bookingDates } from '../../booking-dates';
import { evaluateMapping, validDocument } from '../shared/document-executor';
import type { ErpRuntime } from '../shared/erp-runtime';
import { asNodeErrors } from '../shared/errors';
import { erpDisputeUpdateNode } from './definition';

type Config = typeof erpDisputeUpdateNode extends NodeDefinition<infer C, string> ? C : never;

/** Builds the executor on the lookup's ERP runtime. */
export function createDisputeUpdateExecutor(runtime: ErpRuntime): NodeExecutor<Config> {
  return implementNode(erpDisputeUpdateNode, async (ctx) => {
    const mapped = bookingDates(await evaluateMapping(ctx, ctx.config.mapping), runtime.timeZone);
    const adapter = runtime.adapterFor(ctx);
    const record = (mapped ?? {}) as Record<string, unknown>;
    if (record.status === undefined && typeof record.externalRef === 'string') {
      // A status that means nothing for the books: report the case as it stands.
      const ref = record.externalRef;
      const current = await asNodeErrors(() => adapter.findByReference('dispute', ref));
      if (!current) throw new PermanentError('DISPUTE_NOT_FOUND', `no dispute ${ref}`);
      return { output: { erp: adapter.kind, created: false, origin: 'lookup', document: current } };
    }
    const update = validDocument('dispute-update', mapped);
    const result = await asNodeErrors(() => adapter.updateDispute(update));
    return { output: { erp: adapter.kind, ...result, origin: 'erp' } };
  });
}
