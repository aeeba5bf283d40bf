/**
 * Imports PayTrace's chargeback / retrieval report: every readable row that is news (a case
 * Paybridge does not know, or a status the case may move to) becomes one event for the flows
 * that take the `chargeback-report` feed, which open or update the case exactly as a processor
 * notice would. Rows already known (by case number and status, from any channel, or a second
 * upload) are counted as duplicates and start nothing.
 *
 * @module
 */
import {
  caseKeyOf,
  NoticeError,
  parseChargebackReport,
  triggerTypesFed,
  type DisputeNotice,
} from '@paybridge/nodes/definitions';
import { canMoveDispute } from '@paybridge/nodes/erp';
import type { Db, Sql } from '../db/client';
import { loadActiveTriggers } from '../db/queries/flows';
import type { IngestWriter } from '../ingest/ingest-writer';
import { findCaseByKey } from './case-store';

/** The feed name a trigger kind declares to receive report rows. */
export const CHARGEBACK_REPORT_FEED = 'chargeback-report';

/** What happened to one data row of the report. */
export interface ImportedRow {
  line: number;
  caseNumber: string;
  outcome: 'imported' | 'duplicate';
  runIds: string[];
}

export interface ImportResult {
  imported: number;
  duplicates: number;
  errors: { line: number; message: string }[];
  rows: ImportedRow[];
}

/** Raised when the report cannot be imported at all (no header, no flow to take it). */
export class ReportImportError extends Error {
  constructor(
    readonly code: 'REPORT_UNREADABLE' | 'NO_CHARGEBACK_FLOW',
    message: string,
  ) {
    super(message);
  }
}

/** What a report row hands to a flow: the case as read, with where it came from. */
export interface ReportRowEvent {
  channel: 'report';
  line: number;
  notice: DisputeNotice;
}

/**
 * Parses and delivers a report. Nothing is delivered unless some active flow takes the feed:
 * a report imported into nothing would be counted as done and then lost.
 */
export async function importChargebackReport(
  deps: { db: Db; sql: Sql; ingest: IngestWriter },
  text: string,
): Promise<ImportResult> {
  let rows;
  try {
    rows = parseChargebackReport(text);
  } catch (err) {
    if (err instanceof NoticeError) throw new ReportImportError('REPORT_UNREADABLE', err.message);
    throw err;
  }
  const flows = await loadActiveTriggers(deps.db, triggerTypesFed(CHARGEBACK_REPORT_FEED));
  if (flows.length === 0 && rows.some((r) => r.ok)) {
    throw new ReportImportError(
      'NO_CHARGEBACK_FLOW',
      'No active flow takes chargeback reports: install and activate the Chargeback template first',
    );
  }
  const result: ImportResult = { imported: 0, duplicates: 0, errors: [], rows: [] };
  for (const row of rows) {
    if (!row.ok) {
      result.errors.push({ line: row.line, message: row.message });
      continue;
    }
    const { notice } = row;
    const known = await findCaseByKey(deps.sql, caseKeyOf(notice));
    const news =
      !known || (known.status !== notice.status && canMoveDispute(known.status, notice.status));
    if (!news) {
      result.duplicates++;
      result.rows.push({
        line: row.line,
        caseNumber: notice.caseNumber,
        outcome: 'duplicate',
        runIds: [],
      });
      continue;
    }
    const payload: ReportRowEvent = { channel: 'report', line: row.line, notice };
    const written = await deps.ingest.write({
      source: CHARGEBACK_REPORT_FEED,
      externalId: `${caseKeyOf(notice)}:${notice.status}`,
      payload,
      runs: flows.map((f) => ({ flowId: f.flowId, versionId: f.versionId })),
    });
    const duplicate = written.kind !== 'created';
    if (duplicate) result.duplicates++;
    else result.imported++;
    result.rows.push({
      line: row.line,
      caseNumber: notice.caseNumber,
      outcome: duplicate ? 'duplicate' : 'imported',
      runIds: written.kind === 'conflict' ? [] : written.runIds,
    });
  }
  return result;
}
