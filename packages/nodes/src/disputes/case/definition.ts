/**
 * `dispute.case`: the one place a chargeback report becomes (part of) a case.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { DisputeStatus } from '../../erp/documents';
import { DisputeNotice } from '../notice';

export const DisputeCaseOutput = z.object({
  action: z.enum(['open', 'update', 'none']),
  previousStatus: DisputeStatus.nullable(),
  notice: DisputeNotice,
  case: z.object({
    id: z.string(),
    caseKey: z.string(),
    erpRef: z.string(),
    status: DisputeStatus,
    channels: z.array(z.string()),
    orderRef: z.string().nullable(),
    orderName: z.string().nullable(),
    amount: z.number().int(),
    currency: z.string(),
    evidenceDueBy: z.string().nullable(),
  }),
  /** The case as `erp.dispute-open` takes it (amount in minor units). */
  dispute: z.object({
    externalRef: z.string(),
    transactionRef: z.string().optional(),
    currency: z.string(),
    amount: z.number().int(),
    reason: z.string(),
    date: z.string(),
    evidenceDueBy: z.string().optional(),
    memo: z.string(),
  }),
  /** When to remind the team: `reminderDaysBefore` days before the deadline; null without one. */
  remindAt: z.string().nullable(),
});
export type DisputeCaseOutput = z.infer<typeof DisputeCaseOutput>;

export const disputeCaseNode = defineNode({
  type: 'dispute.case',
  version: 1,
  kind: 'action',
  title: 'Dispute case',
  description: 'Record a chargeback report in its case: open, update or nothing new.',
  category: 'fraud',
  icon: 'shield-alert',
  config: z.object({
    processor: z.string().min(1).max(40).default('paytrace').meta({
      title: 'Processor',
      description: 'Who sends the notifications this flow receives (their case numbers).',
    }),
    reminderDaysBefore: z.number().int().min(0).max(60).default(3).meta({
      title: 'Remind days before',
      description: 'Days before the evidence deadline to remind the team (`remindAt`).',
    }),
  }),
  input: z.unknown(),
  output: DisputeCaseOutput,
  ports: { inputs: ['in'], outputs: ['open', 'update', 'none'] },
  effects: false,
  docs: `Reads the intake event (a processor notification, a Shopify \`disputes/*\` event or a row
of the chargeback report) and records it in the case of its processor and case number:

- **open**: the first report of the case, from any channel. Open it in the ERP, build the packet.
- **update**: the case moved on (evidence submitted, won, lost). Post it with \`erp.dispute-update\`.
- **none**: the same news again (the same notice delivered twice, or by a second channel).

Atomic per case: two channels reporting the same case at once get one **open** between them.
A repeated execution of the same step (a retry, a crash) answers what it answered first.
An event that is not a chargeback fails the run with the reason.`,
});
