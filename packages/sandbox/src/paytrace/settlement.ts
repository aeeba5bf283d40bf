/**
 * Batch close: moves every transaction pending settlement into a new numbered batch, either on
 * `POST /v1/transactions/settle` or at the daily cut-off (`batchCloseTime`, UTC). The daily close
 * is applied lazily before each request, so an injected clock drives it deterministically.
 * @module
 */
import { Hono, type MiddlewareHandler } from 'hono';
import {
  saveAccount,
  saveBatch,
  saveTransaction,
  type SimContext,
  type SimEnv,
} from './context.js';
import { completed, sendJson } from './reply.js';
import { addDays, processorFee } from './processor-fees.js';
import { isPendingSettlement, type SimBatch } from './state.js';

const DAY_MS = 86_400_000;

/** Closes a batch at `at` with every transaction pending since then or earlier; none ⇒ no batch. */
export function closeBatch(sim: SimContext, at: number): SimBatch | undefined {
  const ids: number[] = [];
  for (const tx of sim.state.transactions.values()) {
    if (isPendingSettlement(tx) && (tx.pendingSince ?? Infinity) <= at) {
      ids.push(tx.id);
    }
  }
  if (ids.length === 0) return undefined;
  const number = Number(sim.state.sequences.next('batch'));
  const closedOn = new Date(at).toISOString().slice(0, 10);
  const batch: SimBatch = {
    number,
    closedAt: at,
    transactionIds: ids,
    closedOn,
    depositOn: addDays(closedOn, sim.settings.depositDelayDays),
  };
  for (const id of ids) {
    const tx = sim.state.transactions.get(id);
    if (tx) {
      tx.batchNumber = batch.number;
      tx.settledAt = at;
      tx.feeCents = processorFee(sim.settings.feeSchedule, tx);
      saveTransaction(sim, id);
    }
  }
  sim.state.batches.push(batch);
  saveBatch(sim, number);
  return batch;
}

/** Milliseconds after midnight UTC of an `HH:MM` time, or `undefined` when malformed. */
function cutOffOffset(time: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) return undefined;
  return (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}

/** Runs every daily close whose cut-off passed since the last check. */
export function applyDailyClose(sim: SimContext): void {
  const time = sim.settings.batchCloseTime;
  const offset = time === null ? undefined : cutOffOffset(time);
  const now = sim.now();
  if (offset === undefined) {
    sim.state.autoCloseCheckedAt = now;
    return;
  }
  const checked = sim.state.autoCloseCheckedAt;
  let cutOff = Math.floor(checked / DAY_MS) * DAY_MS + offset;
  if (cutOff <= checked) cutOff += DAY_MS;
  while (cutOff <= now) {
    closeBatch(sim, cutOff);
    cutOff += DAY_MS;
  }
  sim.state.autoCloseCheckedAt = now;
  // Kept only when a cut-off passed: checking again after a restart finds the same batches.
  if (cutOff - DAY_MS > checked) saveAccount(sim);
}

/** Middleware that applies the daily close before handling a request. */
export function dailyClose(sim: SimContext): MiddlewareHandler<SimEnv> {
  return async function dailyClose(_c, next) {
    applyDailyClose(sim);
    await next();
  };
}

/** `POST /v1/transactions/settle` (answer shape UNCONFIRMED: code 1 plus the batch number). */
export function settleRoutes(sim: SimContext): Hono<SimEnv> {
  return new Hono<SimEnv>().post('/v1/transactions/settle', (c) => {
    const batch = closeBatch(sim, sim.now());
    return sendJson(c, 200, {
      ...completed({
        batch_number: batch?.number ?? null,
        transaction_count: batch?.transactionIds.length ?? 0,
      }),
      response_code: sim.settings.settleResponseCode,
    });
  });
}
