/**
 * Reads whatever a chargeback intake handed the flow (a processor notification request, a
 * Shopify dispute event, a report row) into a {@link DisputeNotice}.
 *
 * @module
 */
import { DisputeNotice, NoticeError, noticeFromProcessor, noticeFromShopify } from './notice';

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The notice in an intake event. `processor` names who sends notifications to the endpoint
 * (PayTrace by default). Throws {@link NoticeError} for anything else.
 */
export function noticeFromEvent(event: unknown, processor: string): DisputeNotice {
  if (!isObject(event)) throw new NoticeError('the event is not an object');
  if (typeof event.channel === 'string' && isObject(event.notice)) {
    // Read at the door already: a processor notification or a report row.
    const parsed = DisputeNotice.safeParse(event.notice);
    if (!parsed.success) throw new NoticeError(`notice: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }
  if (typeof event.topic === 'string' && isObject(event.body)) {
    if (!event.topic.startsWith('disputes/')) {
      throw new NoticeError(`Shopify topic ${event.topic} is not a dispute`);
    }
    return noticeFromShopify(event.body);
  }
  if (typeof event.method === 'string' && isObject(event.body)) {
    const body = event.body;
    if (!isObject(body.data)) throw new NoticeError('notification: no "data" object');
    return noticeFromProcessor(body.data, processor);
  }
  throw new NoticeError('not a chargeback notification, Shopify dispute or report row');
}
