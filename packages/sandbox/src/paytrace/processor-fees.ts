/**
 * The processor's side of settlement: the fee it keeps of each settled sale (flat per-brand rate,
 * half-up rounding per transaction) and the deposit of a batch (sales − refunds − fees − any
 * injected shortfall), booked `depositDelayDays` after the batch's business date.
 * @module
 */
import type { SimFeeSchedule } from './settings.js';
import type { SimBatch, SimTransaction } from './state.js';

const DAY_MS = 86_400_000;

/** Fee in cents of one transaction; refunds and unsettled transactions cost nothing. */
export function processorFee(schedule: SimFeeSchedule, tx: SimTransaction): number {
  if (tx.type === 'REFUND' || tx.capturedCents <= 0) return 0;
  const rate = schedule.brands[tx.card.brand.toLowerCase()] ?? schedule.default;
  const percent = (BigInt(tx.capturedCents) * BigInt(rate.percentBp) + 5_000n) / 10_000n;
  return Number(percent) + rate.fixedMinor;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Totals and deposit of a closed batch, in cents. */
export interface BatchMoney {
  number: number;
  count: number;
  gross: number;
  refunds: number;
  net: number;
  fees: number;
  /** Net minus fees: what should reach the bank. */
  expectedDeposit: number;
  /** What reaches the bank (`null` when the deposit is missing). */
  deposit: number | null;
  depositOn: string;
}

/** Totals of a closed batch from its transactions as settled. */
export function batchMoney(batch: SimBatch, all: Map<number, SimTransaction>): BatchMoney {
  let gross = 0;
  let refunds = 0;
  let fees = 0;
  for (const id of batch.transactionIds) {
    const tx = all.get(id);
    if (!tx) continue;
    if (tx.type === 'REFUND') refunds += tx.capturedCents;
    else gross += tx.capturedCents;
    fees += tx.feeCents ?? 0;
  }
  const net = gross - refunds;
  const expectedDeposit = net - fees;
  const closedOn = batch.closedOn ?? new Date(batch.closedAt).toISOString().slice(0, 10);
  return {
    number: batch.number,
    count: batch.transactionIds.length,
    gross,
    refunds,
    net,
    fees,
    expectedDeposit,
    deposit: batch.depositMissing ? null : expectedDeposit - (batch.depositShortCents ?? 0),
    depositOn: batch.depositOn ?? addDays(closedOn, 1),
  };
}
