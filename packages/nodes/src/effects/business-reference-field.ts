/**
 * The config field every effect node offers to set its own business reference. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';

/**
 * The business reference of a node's effect: what makes two requests the same business fact.
 * Usually an expression (`=$trigger.body.id`); empty uses the node's default derived from the
 * trigger. Numbers are taken as text (Shopify ids exceed 2^53: prefer strings).
 */
export const businessReferenceField = z
  .union([z.string().max(200), z.number()])
  .nullish()
  .transform((value) =>
    value === null || value === undefined || value === '' ? undefined : String(value),
  )
  .meta({
    title: 'Business reference',
    description:
      'What makes this the same business fact wherever it comes from (a JSONata expression such as ' +
      '=$trigger.body.id). Empty: the default, from the Shopify order (or refund) the node acts ' +
      'on or that started the run.',
  });

/** Docs shared by the effect nodes on how business references work. */
export const BUSINESS_REFERENCE_DOCS = `**Business reference**: the effect is recorded under its
business fact before it is sent, not under the flow or event. Another event for the same fact (a
webhook delivered again with a new id, the reconciliation poller re-feeding it, a run by hand), an
imported copy of the flow or a different flow gets the recorded result back when the request is
the same (same amount), and fails with \`IDEMPOTENCY_CONFLICT\` when it differs. Set **Business
reference** to name the fact yourself (it is scoped by the connection and the operation). When no
reference can be derived (no Shopify order or refund in \`$trigger\`, e.g. a REST trigger, and the
field empty), the effect is recorded per flow, event and node only: retries, crash recovery and
replays of that event still do it once, but a second event or another flow does it again.`;
