/**
 * The chargeback node definitions, browser-safe, for `definitions.ts`.
 *
 * @module
 */
import { disputeCaseNode } from './case/definition';
import { disputeEvidencePacketNode } from './evidence-packet/definition';
import { disputeReminderNode } from './reminder/definition';
import { disputeReportImportNode } from './report-import/definition';

export { disputeCaseNode, DisputeCaseOutput } from './case/definition';
export { disputeEvidencePacketNode, EvidencePacketOutput } from './evidence-packet/definition';
export { disputeReminderNode } from './reminder/definition';
export { disputeReportImportNode, ReportImportOutput } from './report-import/definition';

/** Every chargeback node type, in palette order. */
export const disputeNodes = [
  disputeCaseNode,
  disputeEvidencePacketNode,
  disputeReminderNode,
  disputeReportImportNode,
] as const;
