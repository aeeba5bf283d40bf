import { PermanentError } from '@paybridge/engine';
import { implementNode } from '../../define-node';
import type { DisputeCases } from '../cases';
import { storeOrFail } from '../case/execute';
import { disputeReminderNode } from './definition';

/** Builds the executor on the runtime's case store. */
export function createDisputeReminderExecutor(cases: DisputeCases | undefined) {
  return implementNode(disputeReminderNode, async (ctx) => {
    const store = storeOrFail(cases);
    const found = await store.find(ctx.config.caseKey);
    if (!found) throw new PermanentError('DISPUTE_NOT_FOUND', `No case ${ctx.config.caseKey}`);
    const today = ctx.now().toISOString().slice(0, 10);
    const daysLeft = found.evidenceDueBy
      ? Math.round((Date.parse(found.evidenceDueBy) - Date.parse(today)) / 86_400_000)
      : null;
    const output = {
      caseKey: found.caseKey,
      status: found.status,
      evidenceDueBy: found.evidenceDueBy,
      daysLeft,
    };
    if (found.status !== 'open') return { port: 'skip', output };
    await store.record(
      found.caseKey,
      {
        kind: 'reminder',
        summary: `Evidence due ${found.evidenceDueBy ?? 'soon'}${daysLeft === null ? '' : ` (${daysLeft} days left)`}`,
      },
      ctx.runId,
    );
    return { port: 'remind', output };
  });
}
