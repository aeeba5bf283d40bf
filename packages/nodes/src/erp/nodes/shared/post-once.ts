/**
 * Exactly-once posting over the effect ledger, for ERPs whose own idempotency may not be enough
 * (QuickBooks has none: two concurrent executions could both miss the lookup and both create).
 *
 * - **new**: post; settle with the answer. A refusal (invalid, missing reference, conflict,
 *   credentials) releases the claim, since nothing was posted. A transient failure leaves it
 *   pending: the answer may have been lost after the ERP posted.
 * - **unknown**: an earlier execution may have posted: once its request can no longer land (the
 *   adapter's wait), look the document up by its reference; settle what is found, or release on
 *   proven absence and post afresh.
 * - **settled**: return the recorded document; a changed document is an idempotency conflict.
 *
 * @module
 */
import { PermanentError, TransientError, type EffectLedger } from '@paybridge/engine';
import type { ErpDocument, Posted } from '../../records';
import { ErpError } from '../../errors';
import { asNodeErrors } from './errors';

/** The result of a posting node. */
export interface PostingResult {
  document: ErpDocument;
  created: boolean;
  origin: 'erp' | 'ledger' | 'lookup';
}

/** One posting. */
export interface Posting {
  fingerprint: string;
  /** The adapter's `unknownOutcomeWaitMs`. */
  unknownOutcomeWaitMs: number;
  now(): Date;
  post(): Promise<Posted<ErpDocument>>;
  find(): Promise<ErpDocument | null>;
}

const MAX_ROUNDS = 5;

function recorded(outcome: unknown): ErpDocument {
  const doc = (outcome as { document?: ErpDocument } | null)?.document;
  if (!doc) {
    throw new PermanentError('EFFECT_RECORD_UNREADABLE', 'The recorded ERP posting cannot be read');
  }
  return doc;
}

/** Posts at most once per effect record; see the module comment. */
export async function postOnce(
  effects: EffectLedger | undefined,
  posting: Posting,
): Promise<PostingResult> {
  if (!effects) {
    const posted = await asNodeErrors(posting.post);
    return { ...posted, origin: 'erp' };
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const claim = await effects.claim('', posting.fingerprint);
    if (claim.state === 'settled') {
      if (claim.fingerprint !== posting.fingerprint) {
        const doc = recorded(claim.outcome);
        throw new PermanentError(
          'IDEMPOTENCY_CONFLICT',
          `This step already posted ${doc.type} ${doc.externalRef} (${doc.id}) from a different document; ` +
            'it will not post the changed one. Post a correction as a new document.',
          { details: { id: doc.id, externalRef: doc.externalRef } },
        );
      }
      return { document: recorded(claim.outcome), created: false, origin: 'ledger' };
    }
    if (claim.state === 'unknown') {
      const readyAt = claim.startedAt.getTime() + posting.unknownOutcomeWaitMs;
      const now = posting.now().getTime();
      if (now < readyAt) {
        throw new TransientError(
          'ERP_OUTCOME_PENDING',
          'An earlier attempt of this posting may still reach the ERP; it is looked up by its reference once it cannot land any more',
          { retryAfterMs: readyAt - now },
        );
      }
      const found = await asNodeErrors(posting.find);
      if (found) {
        await effects.settle('', claim.attempt, { document: found }, found.id);
        return { document: found, created: false, origin: 'lookup' };
      }
      await effects.release('', claim.attempt);
      continue;
    }
    try {
      const posted = await posting.post();
      await effects.settle('', claim.attempt, { document: posted.document }, posted.document.id);
      return { ...posted, origin: 'erp' };
    } catch (err) {
      if (err instanceof ErpError && err.kind !== 'transient') {
        await effects.release('', claim.attempt);
      }
      return asNodeErrors(() => Promise.reject(err));
    }
  }
  throw new PermanentError('EFFECT_CLAIM_LOOP', 'The ERP posting could not be claimed');
}
