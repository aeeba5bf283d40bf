/**
 * `dispute.reminder`: the evidence deadline is near; remind only if the case still waits for it.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { DisputeStatus } from '../../erp/documents';

export const disputeReminderNode = defineNode({
  type: 'dispute.reminder',
  version: 1,
  kind: 'action',
  title: 'Dispute reminder',
  description: 'Note a deadline reminder on the case, if it still needs evidence.',
  category: 'fraud',
  icon: 'alarm-clock',
  config: z.object({
    caseKey: z.string().min(1).max(200).meta({
      title: 'Case',
      description: 'The case key, e.g. =$node("case").case.caseKey',
    }),
  }),
  input: z.unknown(),
  output: z.object({
    caseKey: z.string(),
    status: DisputeStatus,
    evidenceDueBy: z.string().nullable(),
    /** Whole days from today (UTC) to the deadline; null without one. */
    daysLeft: z.number().int().nullable(),
  }),
  ports: { inputs: ['in'], outputs: ['remind', 'skip'] },
  effects: false,
  docs: `Put it after a **Delay** until the case's \`remindAt\`. When the case is still **open**
(no evidence submitted, not decided), it records the reminder on the case's timeline and
continues on **remind** (e.g. to an email with the deadline); otherwise on **skip**.`,
});
