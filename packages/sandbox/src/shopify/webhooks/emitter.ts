/**
 * Turns store events into deliveries: for each subscription of the topic, the REST body is built
 * now (retries resend it unchanged), trimmed to `includeFields`, written with exact integer ids,
 * signed, and handed to the engine. Every delivery of one action shares an `X-Shopify-Event-Id`.
 * @module
 */
import type { EventSink, ShopContext } from '../context.js';
import { sequencedUuid } from '../core/ids.js';
import { stringifyJson } from '../core/raw-json.js';
import type { WebhookTopic } from '../store/records.js';
import { saveAnnounced } from '../store/save.js';
import type { DeliveryEngine } from './engine.js';
import { signWebhook } from './sign.js';
import { topicBody } from './topics.js';

function pick(body: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => fields.includes(key)));
}

/** The event sink of a simulator, delivering through `engine`. */
export function webhookEmitter(sim: ShopContext, engine: DeliveryEngine): EventSink {
  const newEventId = () => sequencedUuid(sim.state.sequences.next('event'), sim.state.random);
  return {
    newEventId,
    emit(topic: WebhookTopic, resourceId: string, eventId?: string) {
      const { state } = sim;
      saveAnnounced(sim, topic, resourceId);
      const subscriptions = [...state.subscriptions.values()].filter((s) => s.topic === topic);
      if (subscriptions.length === 0) return;
      const built = topicBody(sim, topic, resourceId);
      if (!built) return;
      const event = eventId ?? newEventId();
      const triggeredAt = sim.now();
      for (const subscription of subscriptions) {
        const fields = subscription.includeFields;
        const body = stringifyJson(fields.length > 0 ? pick(built.body, fields) : built.body);
        engine.schedule({
          id: String(state.sequences.next('delivery')),
          webhookId: sequencedUuid(state.sequences.next('webhook'), state.random),
          eventId: event,
          topic,
          subscriptionId: subscription.id,
          uri: subscription.uri,
          apiVersion: subscription.apiVersion,
          body,
          hmac: signWebhook(body, sim.credentials.webhookSecret),
          triggeredAt,
          resourceId: built.orderId,
          test: built.test,
          state: 'scheduled',
          attempts: [],
          nextAttemptAt: triggeredAt,
          heldBack: false,
          duplicateOf: null,
        });
      }
    },
  };
}
