/**
 * Executor of `dispute.case`: reads the notice, admits it to the case store, routes by what
 * it means.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { implementNode } from '../../define-node';
import type { DisputeCases } from '../cases';
import { NoticeError } from '../notice';
import { noticeFromEvent } from '../notice-from-event';
import { disputeCaseNode } from './definition';

const DAY_MS = 86_400_000;

/** The store is the runtime's; without one (a bare engine) the node refuses to run. */
export function storeOrFail(cases: DisputeCases | undefined): DisputeCases {
  if (!cases) throw new PermanentError('NO_CASE_STORE', 'This runtime keeps no dispute cases');
  return cases;
}

/** Builds the executor on the runtime's case store. */
export function createDisputeCaseExecutor(cases: DisputeCases | undefined) {
  return implementNode(disputeCaseNode, async (ctx) => {
    let notice;
    try {
      notice = noticeFromEvent(ctx.input, ctx.config.processor);
    } catch (err) {
      if (err instanceof NoticeError) throw new PermanentError('NOT_A_CHARGEBACK', err.message);
      throw err;
    }
    const admitted = await storeOrFail(cases).admit(notice, ctx.runId);
    const c = admitted.case;
    const due = c.evidenceDueBy;
    const output = {
      action: admitted.action,
      previousStatus: admitted.previousStatus,
      notice,
      case: c,
      dispute: {
        externalRef: c.erpRef,
        ...(notice.transactionId ? { transactionRef: notice.transactionId } : {}),
        currency: c.currency,
        amount: c.amount,
        reason: [notice.reasonCode, notice.reason].filter(Boolean).join(' ') || 'unknown',
        date: notice.openedOn,
        ...(due ? { evidenceDueBy: due } : {}),
        memo: `${notice.kind} ${notice.caseNumber} (${notice.processor})`,
      },
      remindAt: due
        ? new Date(
            Date.parse(`${due}T00:00:00Z`) - ctx.config.reminderDaysBefore * DAY_MS,
          ).toISOString()
        : null,
    };
    return { port: admitted.action, output };
  });
}
