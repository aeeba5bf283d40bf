/**
 * The runtime's chargeback case store as nodes see it (the runtime implements it on Postgres):
 * one case per processor case number, whichever channel reported it, with its timeline and
 * evidence packet. Nodes never reach the database; this port is all they know of it.
 *
 * @module
 */
import type { DisputeStatus } from '../erp/documents';
import type { DisputeNotice } from './notice';
import type { EvidencePacket } from './packet';

/**
 * What a report means for the case: `open` (first report: open it in the ERP), `update` (the
 * status moved on: post it), `none` (the same news again, from any channel: do nothing).
 */
export type CaseAction = 'open' | 'update' | 'none';

/** A case as the flow continues with it. */
export interface CaseSnapshot {
  id: string;
  caseKey: string;
  erpRef: string;
  status: DisputeStatus;
  channels: string[];
  orderRef: string | null;
  orderName: string | null;
  amount: number;
  currency: string;
  evidenceDueBy: string | null;
}

/** One entry of a case's timeline, written by the nodes that act on it. */
export interface CaseEntry {
  kind: 'intake' | 'posting' | 'packet' | 'notification' | 'reminder' | 'order' | 'status';
  summary: string;
  channel?: string | null;
  detail?: Record<string, unknown>;
}

export interface DisputeCases {
  /**
   * Records a report of a case and says what it means. Atomic per case: two channels reporting
   * the same case at once get one `open` between them.
   */
  admit(
    notice: DisputeNotice,
    runId: string,
  ): Promise<{ action: CaseAction; previousStatus: DisputeStatus | null; case: CaseSnapshot }>;
  /** Adds an entry to a case's timeline. */
  record(caseKey: string, entry: CaseEntry, runId: string): Promise<void>;
  /** Keeps a case's evidence packet (replacing an earlier one) for download. */
  storePacket(
    caseKey: string,
    packet: EvidencePacket,
    pdf: Uint8Array,
    runId: string,
  ): Promise<void>;
  /** The case now, or null. */
  find(caseKey: string): Promise<CaseSnapshot | null>;
}
