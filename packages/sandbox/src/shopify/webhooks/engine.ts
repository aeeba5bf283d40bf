/**
 * The delivery engine. Deliveries wait in the log until due on the simulated clock, then are sent
 * one at a time in due order (deterministic arrival order). Failures are retried on the retry
 * schedule (scaled by `backoffScale`) until it is used up; then the delivery is failed and,
 * optionally, its subscription removed. Faults come from the seeded random source: a delivery may
 * be dropped (never sent), held back (overtaken by later ones), or, once delivered, delivered again.
 *
 * With `autoDeliver` a timer sends due deliveries as the clock reaches them (rechecked at least
 * every second, so an injected clock works too); `flush()` sends what is due now and `drain()`
 * moves the simulated clock from due time to due time until nothing is left.
 * @module
 */
import type { ShopContext } from '../context.js';
import { sequencedUuid } from '../core/ids.js';
import type { SimDelivery } from './delivery-records.js';
import { deliveryHeaders } from './headers.js';
import { saveDelivery, saveSubscription } from '../store/save.js';
import { sendAttempt, type WebhookFetch } from './send.js';

const RECHECK_MS = 1000;

/** Sends webhook deliveries; one per simulator. */
export class DeliveryEngine {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  /** `advanceClock` moves the simulator's clock (used by `drain`); `send` sends an attempt. */
  constructor(
    private readonly sim: ShopContext,
    private readonly advanceClock: (ms: number) => void,
    private readonly send: WebhookFetch = fetch,
  ) {}

  private scaled(seconds: number): number {
    return Math.round(seconds * 1000 * this.sim.settings.backoffScale);
  }

  /** Takes a new delivery into the log, deciding (seeded) whether it is dropped or held back. */
  schedule(delivery: SimDelivery): void {
    const { settings, state } = this.sim;
    const drop = state.random() < settings.dropRate;
    const hold = state.random() < settings.reorderRate;
    if (drop) {
      delivery.state = 'dropped';
      delivery.nextAttemptAt = null;
    } else if (hold) {
      delivery.heldBack = true;
      delivery.nextAttemptAt = delivery.triggeredAt + this.scaled(settings.reorderDelaySeconds);
    }
    state.deliveries.push(delivery);
    saveDelivery(this.sim, delivery.id);
    this.kick();
  }

  private nextDue(): SimDelivery | undefined {
    const now = this.sim.now();
    let best: SimDelivery | undefined;
    for (const d of this.sim.state.deliveries) {
      if (d.state !== 'scheduled' || d.nextAttemptAt === null || d.nextAttemptAt > now) continue;
      if (!best || d.nextAttemptAt < (best.nextAttemptAt ?? 0)) best = d;
    }
    return best;
  }

  private earliest(): number | null {
    let next: number | null = null;
    for (const d of this.sim.state.deliveries) {
      if (d.state === 'scheduled' && d.nextAttemptAt !== null) {
        next = next === null ? d.nextAttemptAt : Math.min(next, d.nextAttemptAt);
      }
    }
    return next;
  }

  /** Sends every delivery due now, one at a time (runs after any pump already going). */
  flush(): Promise<void> {
    const run = async () => {
      for (let d = this.nextDue(); d; d = this.nextDue()) await this.attempt(d);
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  /** Sends everything, moving the clock to each next due time; stops after `maxSteps` moves. */
  async drain(maxSteps = 1000): Promise<void> {
    await this.flush();
    for (let step = 0; step < maxSteps; step++) {
      const next = this.earliest();
      if (next === null) return;
      const wait = next - this.sim.now();
      if (wait > 0) this.advanceClock(wait);
      await this.flush();
    }
  }

  private async attempt(delivery: SimDelivery): Promise<void> {
    const { sim } = this;
    const first = delivery.attempts.length === 0;
    const webhookId =
      first || sim.settings.retryKeepsWebhookId
        ? delivery.webhookId
        : sequencedUuid(sim.state.sequences.next('webhook'), sim.state.random);
    delivery.nextAttemptAt = null;
    const at = sim.now();
    const headers = deliveryHeaders(sim, delivery, webhookId);
    const outcome = await sendAttempt(
      delivery.uri,
      delivery.body,
      headers,
      sim.settings.deliveryTimeoutMs,
      this.send,
    );
    delivery.attempts.push({ at, webhookId, ...outcome });
    saveDelivery(sim, delivery.id);
    if (outcome.error === null) {
      delivery.state = 'delivered';
      this.maybeDuplicate(delivery);
      return;
    }
    const retry = delivery.attempts.length - 1;
    const delay = sim.settings.retryScheduleSeconds[retry];
    if (delay !== undefined) {
      delivery.nextAttemptAt = sim.now() + this.scaled(delay);
      return;
    }
    delivery.state = 'failed';
    if (sim.settings.removeFailingSubscriptions) {
      sim.state.subscriptions.delete(delivery.subscriptionId);
      saveSubscription(sim, delivery.subscriptionId);
    }
  }

  private maybeDuplicate(delivery: SimDelivery): void {
    const { state, settings } = this.sim;
    if (delivery.duplicateOf !== null || state.random() >= settings.duplicateRate) return;
    const id = String(state.sequences.next('delivery'));
    saveDelivery(this.sim, id);
    state.deliveries.push({
      ...delivery,
      id,
      state: 'scheduled',
      attempts: [],
      heldBack: false,
      duplicateOf: delivery.id,
      nextAttemptAt: this.sim.now() + this.scaled(settings.duplicateDelaySeconds),
    });
  }

  /** Arms the timer for the next due delivery (when `autoDeliver` is on). */
  kick(): void {
    if (this.stopped || !this.sim.settings.autoDeliver) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.earliest();
    if (next === null) {
      this.timer = null;
      return;
    }
    const wait = Math.min(Math.max(0, next - this.sim.now()), RECHECK_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().then(
        () => this.kick(),
        () => this.kick(),
      );
    }, wait);
    this.timer.unref?.();
  }

  /** Stops the timer for good (the simulator is closing); waits for a send under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
  }
}
