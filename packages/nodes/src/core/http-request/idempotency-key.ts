/**
 * The `Idempotency-Key` of an outbound request: the reference of the step's effect record, so it
 * is the same on every retry of the step, after a crash re-executes it, and on a replay of the
 * event, and differs between steps and events. An `http.request` call killed mid-flight can
 * repeat (nobody heard the answer); a server that honours the header (Stripe-style) then applies
 * it once. Paybridge itself promises at least once, with this key.
 *
 * @module
 */
import type { ExecuteContext } from '@paybridge/engine';

/** Ledger item of the request (the node's one effect). */
const ITEM = { item: 'request' } as const;

/**
 * Claims the step's record (or finds it) and returns its reference. Without a ledger (tools,
 * tests) the step's own idempotency key (`<run>:<node>`, stable across its retries) is used.
 */
export async function idempotencyKeyFor(
  ctx: Pick<ExecuteContext, 'effects' | 'idempotencyKey'>,
): Promise<string> {
  if (!ctx.effects) return ctx.idempotencyKey;
  const claim = await ctx.effects.claim(ITEM, 'http.request');
  return claim.reference;
}

/** Records that the request got an answer (for operators; nothing relies on it). */
export async function noteAnswered(
  ctx: Pick<ExecuteContext, 'effects'>,
  status: number,
): Promise<void> {
  if (!ctx.effects) return;
  const claim = await ctx.effects.claim(ITEM, 'http.request');
  if (claim.state !== 'settled') await ctx.effects.settle(ITEM, claim.attempt, { status });
}
