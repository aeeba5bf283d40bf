/**
 * Executor of `reconcile.settlement`: fetch (PayTrace, Shopify), stage, match in SQL through the
 * runtime's settlement store, post each batch's settlement entry once. See the definition's docs.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { PermanentError, type ExecuteContext, type NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../define-node';
import type { ErpAdapter } from '../../erp/adapter';
import type { ErpRuntime } from '../../erp/nodes/shared/erp-runtime';
import { quickbooksConnection } from '../../erp/quickbooks/connection';
import type { PaytraceRuntime } from '../../paytrace/client/runtime';
import { readBatchTransactions } from '../../paytrace/nodes/batch-transactions/execute';
import { readBatches } from '../../paytrace/nodes/batches-export/execute';
import { clientFor } from '../../paytrace/nodes/shared/node-client';
import { accountTimeZone } from '../../paytrace/nodes/shared/record-times';
import type { ShopifyRuntime } from '../../shopify/client/runtime';
import { calendarDateIn } from '../../time-zones';
import type { DiscrepancyKind } from '../discrepancy-kinds';
import { feeFor, parseProcessorFeeCsv, type ProcessorFees } from '../fees/fee-schedule';
import type { SettlementOutput } from './definition';
import { reconcileSettlementNode, type ReconcileSettlementConfig } from './definition';
import { postSettlementEntry, settlementRef } from './post-documents';
import { addDays, datesBetween, onDemandOf, rangeOf } from './reconcile-range';
import {
  erpWindow,
  type SettlementStore,
  type StagedBatch,
  type StagedErpDocument,
  type StagedTransaction,
} from './settlement-store';
import { readShopifyWindow, type ShopifyReadStats } from './shopify-orders';

/** What the executor needs of the runtime. */
export interface SettlementServices {
  /** The runtime's reconciliation storage; absent on hosts without one. */
  store: SettlementStore | undefined;
  paytrace: PaytraceRuntime;
  shopify: ShopifyRuntime;
  erp: ErpRuntime;
}

/** Shopify orders are read from this many days before the first day (orders paid later). */
const SHOPIFY_LOOKBACK_DAYS = 3;
/** ... through this many days after the last (west of UTC a merchant's day ends the next UTC day). */
const SHOPIFY_LOOKAHEAD_DAYS = 1;

/** A stable id for the reconciliation run of one step, so a retried step continues its run. */
export function stepRunId(idempotencyKey: string, from: string, to: string): string {
  const h = createHash('sha256').update(`${idempotencyKey}|${from}|${to}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function triggerOf(ctx: ExecuteContext<unknown>): Promise<unknown> {
  try {
    return await ctx.evaluate('$trigger', null);
  } catch {
    return null;
  }
}

/** The instant a schedule fire stands for, else now. */
function firedAt(trigger: unknown, now: Date): number {
  const at = (trigger as { scheduledAt?: unknown } | null)?.scheduledAt;
  const ms = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  return Number.isNaN(ms) ? now.getTime() : ms;
}

/** PayTrace's transaction type as staged: refunds apart, anything settled else is a sale. */
function kindOf(type: string): 'sale' | 'refund' {
  return type.toUpperCase() === 'REFUND' ? 'refund' : 'sale';
}

/**
 * The ERP a run matches and posts to: the built-in ledger when no connection is named, else the
 * named QuickBooks Online connection (its adapter reads the window's documents in bulk).
 */
async function erpOf(
  services: SettlementServices,
  ctx: ExecuteContext<ReconcileSettlementConfig>,
  erpConnectionId: string,
): Promise<{ adapter: ErpAdapter }> {
  if (erpConnectionId === '') {
    return {
      adapter: services.erp.adapterFor({
        ...ctx,
        connection: undefined,
        connectionType: undefined,
        config: {},
      }),
    };
  }
  const found = await services.store!.connection(erpConnectionId);
  if (!found || found.type !== quickbooksConnection.type) {
    throw new PermanentError(
      'ERP_NOT_SUPPORTED',
      `No QuickBooks Online connection ${erpConnectionId}: settlement reconciliation matches against the built-in ledger (leave the ERP connection empty) or a QuickBooks Online connection`,
    );
  }
  const adapter = services.erp.adapterFor({
    ...ctx,
    connection: found.values,
    connectionType: quickbooksConnection.type,
    config: { connectionId: erpConnectionId },
  });
  if (!adapter.settlementDocuments) {
    throw new PermanentError('ERP_NOT_SUPPORTED', `The ${adapter.kind} ERP cannot be reconciled`);
  }
  return { adapter };
}

/** Builds the executor. */
export function createSettlementExecutor(
  services: SettlementServices,
): NodeExecutor<ReconcileSettlementConfig> {
  return implementNode(reconcileSettlementNode, async (ctx) => {
    const { store } = services;
    if (!store) {
      throw new PermanentError(
        'RECONCILIATION_NOT_CONFIGURED',
        'This host keeps no reconciliation storage; run the flow on a Paybridge runtime',
      );
    }
    const config = ctx.config;
    const trigger = await triggerOf(ctx);
    const onDemand = onDemandOf(trigger);
    const { from, to } = rangeOf({
      onDemand,
      date: config.date,
      dateTo: config.dateTo,
      timeZone: config.timeZone,
      at: firedAt(trigger, ctx.now()),
    });
    const days = datesBetween(from, to);

    let fees: ProcessorFees | null = null;
    if (config.processorFees.trim() !== '') {
      fees = parseProcessorFeeCsv(config.processorFees);
      if (fees.errors.length > 0) {
        ctx.logger.warn("unreadable lines in the processor's fee statement", {
          errors: fees.errors.slice(0, 10),
        });
      }
    }
    let shopify: Record<string, unknown> | null = null;
    if (config.shopifyConnectionId !== '') {
      const found = await store.connection(config.shopifyConnectionId);
      if (!found || found.type !== 'shopify') {
        throw new PermanentError(
          'SHOPIFY_CONNECTION_MISSING',
          `No Shopify connection ${config.shopifyConnectionId}; choose the store in the node's settings`,
        );
      }
      shopify = found.values;
    }

    // The ERP: the built-in ledger (empty), or a QuickBooks Online connection whose window's
    // documents are read in bulk and matched by the same SQL.
    const erp = await erpOf(services, ctx, config.erpConnectionId);

    const connection = config.connectionId;
    const runId = await store.beginRun({
      runId: onDemand?.runId ?? stepRunId(ctx.idempotencyKey, from, to),
      connection,
      from,
      to,
      total: days.length,
      flowRunId: ctx.runId,
    });
    try {
      const client = clientFor(services.paytrace, ctx);
      const zone = accountTimeZone(ctx.connection);
      // The account's calendar may differ from the merchant's by a day either way.
      const summaries = await readBatches(
        client,
        { by: 'dateRange', startDate: addDays(from, -1), endDate: addDays(to, 1) },
        zone,
      );
      const inRange = summaries.flatMap((b) => {
        if (b.createdAt === null) return [];
        const day = calendarDateIn(Date.parse(b.createdAt), config.timeZone);
        return day >= from && day <= to ? [{ summary: b, day }] : [];
      });
      const total = inRange.length + days.length;
      let done = 0;
      await store.progress(runId, done, total);

      const byDay = new Map<string, { batches: StagedBatch[]; txs: StagedTransaction[] }>();
      for (const { summary, day } of inRange) {
        const read = await readBatchTransactions(client, summary.batchNumber, zone);
        const staged = byDay.get(day) ?? { batches: [], txs: [] };
        let gross = 0;
        let refunds = 0;
        let currency = summary.netAmount?.currency ?? 'USD';
        for (const { record } of read) {
          if (record.status !== 'settled' || record.amount === null) continue;
          const kind = kindOf(record.type);
          const amount = Math.abs(record.amount.minor);
          currency = record.amount.currency;
          if (kind === 'sale') gross += amount;
          else refunds += amount;
          const brand = fees?.brandByTransactionId.get(record.transactionId) ?? '';
          const processor = fees?.byTransactionId.get(record.transactionId) ?? null;
          const scheduled =
            kind === 'sale' && config.feeSchedule ? feeFor(config.feeSchedule, brand, amount) : 0;
          staged.txs.push({
            transactionId: record.transactionId,
            batchNumber: summary.batchNumber,
            businessDate: day,
            kind,
            amount,
            currency,
            invoiceId: record.invoiceId,
            brand,
            // Without a schedule nothing is expected beyond what the processor reports.
            feeExpected: config.feeSchedule ? scheduled : (processor ?? 0),
            feeProcessor: processor,
            settledAt: record.settledAt,
          });
        }
        staged.batches.push({
          batchNumber: summary.batchNumber,
          businessDate: day,
          closedAt: summary.createdAt,
          currency,
          transactionCount: summary.transactionCount ?? read.length,
          gross: summary.salesAmount?.minor ?? gross,
          refunds: Math.abs(summary.refundAmount?.minor ?? refunds),
          net: summary.netAmount?.minor ?? gross - refunds,
        });
        byDay.set(day, staged);
        await store.progress(runId, ++done, total);
      }
      for (const [, staged] of byDay) {
        await store.stageBatches(connection, runId, staged.batches, staged.txs);
      }
      let shopifyRead: ShopifyReadStats | null = null;
      if (shopify) {
        shopifyRead = await readShopifyWindow({
          runtime: services.shopify,
          store,
          connectionId: config.shopifyConnectionId,
          connection: shopify,
          firstDay: addDays(from, -SHOPIFY_LOOKBACK_DAYS),
          lastDay: addDays(to, SHOPIFY_LOOKAHEAD_DAYS),
          force: config.rereadShopifyOrders,
          now: () => ctx.now().getTime(),
          signal: ctx.signal,
          logger: ctx.logger,
        });
      }

      const adapter = erp.adapter;
      let documents: StagedErpDocument[] | null = null;
      if (adapter.settlementDocuments) {
        const window = {
          from: erpWindow(from, config.notSettledAfterDays).from,
          to: erpWindow(to, config.notSettledAfterDays).to,
        };
        documents = (await adapter.settlementDocuments(window)).map((d) => ({
          kind: d.kind,
          externalRef: d.externalRef,
          amount: d.amount,
          date: d.date,
          invoiceRef: d.invoiceRef,
        }));
      }
      const out: SettlementOutput['days'] = [];
      const counts: Partial<Record<DiscrepancyKind, number>> = {};
      let openItems = 0;
      for (const day of days) {
        const result = await store.matchDay({
          runId,
          flowRunId: ctx.runId,
          connection,
          day,
          notSettledAfterDays: config.notSettledAfterDays,
          bankAccount: config.bankAccount === '' ? null : config.bankAccount,
          depositWindowDays: config.depositWindowDays,
          shopifyConnection: shopify === null ? null : config.shopifyConnectionId,
          processorFees: fees !== null,
          erp: adapter.kind,
          documents,
        });
        const staged = byDay.get(day);
        const batches: SettlementOutput['days'][number]['batches'] = [];
        for (const b of result.batches) {
          const batch = staged?.batches.find((s) => s.batchNumber === b.batchNumber);
          if (!batch || !config.postSettlement) {
            batches.push({ ...b, journalRef: null, posted: false });
            continue;
          }
          const posted = await postSettlementEntry(ctx, adapter, {
            connection,
            batchNumber: b.batchNumber,
            currency: batch.currency,
            date: day,
            gross: batch.gross,
            refunds: batch.refunds,
            fees: b.fees,
          });
          if (posted) {
            await store.markPosted(
              connection,
              b.batchNumber,
              settlementRef(b.batchNumber),
              posted.document.id,
            );
          }
          batches.push({
            ...b,
            journalRef: posted ? settlementRef(b.batchNumber) : null,
            posted: posted?.created ?? false,
          });
        }
        for (const [kind, n] of Object.entries(result.counts)) {
          counts[kind as DiscrepancyKind] = (counts[kind as DiscrepancyKind] ?? 0) + n;
        }
        openItems += result.openItems;
        out.push({
          date: day,
          batches,
          counts: result.counts,
          openItems: result.openItems,
          variance: result.variance,
        });
        await store.progress(runId, ++done, total);
      }
      const output: SettlementOutput = {
        reconciliationRunId: runId,
        from,
        to,
        days: out,
        counts,
        openItems,
        shopify: shopifyRead,
      };
      await store.finishRun(runId, {
        error: null,
        summary: { counts, openItems, shopify: shopifyRead },
      });
      return { port: openItems > 0 ? 'exceptions' : 'out', output };
    } catch (err) {
      await store
        .finishRun(runId, { error: (err as Error).message, summary: null })
        .catch(() => undefined);
      throw err;
    }
  });
}
