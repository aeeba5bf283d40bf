/**
 * ERP postings on the shared exactly-once driver (`effects/perform-once.ts`), for ERPs whose own
 * idempotency may not be enough (QuickBooks has none: two concurrent executions could both miss
 * the lookup and both create). A posting is claimed under its business reference, the document's
 * external reference on the node's ERP connection, so the same document posted from another
 * event or another flow finds the first posting. A refusal (invalid, missing reference,
 * conflict, credentials) releases the claim; a transient failure leaves it pending, and it is
 * looked up by its reference once its request cannot land any more.
 *
 * @module
 */
import { PermanentError, type EffectRef } from '@paybridge/engine';
import { z } from 'zod';
import { performOnce, type EffectContext } from '../../../effects/perform-once';
import { ErpError } from '../../errors';
import type { ErpDocument, Posted } from '../../records';
import { asNodeErrors, toNodeError } from './errors';

/** The result of a posting node. */
export interface PostingResult {
  document: ErpDocument;
  created: boolean;
  origin: 'erp' | 'ledger' | 'lookup';
}

/** One posting. */
export interface Posting {
  /** The ledger record: the document's business reference, or null for the flow and event. */
  ref: EffectRef;
  fingerprint: string;
  /** The adapter's `unknownOutcomeWaitMs`. */
  unknownOutcomeWaitMs: number;
  post(): Promise<Posted<ErpDocument>>;
  find(): Promise<ErpDocument | null>;
}

/** What the ledger keeps of a posting. */
const Recorded = z.object({ document: z.custom<ErpDocument>((value) => !!value) });

/** Posts at most once per business fact; see the module comment. */
export async function postOnce(ctx: EffectContext, posting: Posting): Promise<PostingResult> {
  let created = false;
  const { result, origin } = await performOnce(ctx, {
    ref: posting.ref,
    fingerprint: posting.fingerprint,
    system: 'ERP',
    result: Recorded,
    wrote: () => true,
    remoteIdOf: (recorded) => recorded.document.id,
    prepare: async () => ({
      send: async () => {
        const posted = await posting.post();
        created = posted.created;
        return { document: posted.document };
      },
    }),
    lookup: async () => {
      const found = await asNodeErrors(posting.find);
      return found ? { document: found } : undefined;
    },
    classify: (err) => {
      if (err instanceof ErpError) return err.kind === 'transient' ? 'unknown' : 'nothing-happened';
      return err instanceof PermanentError ? 'nothing-happened' : 'other';
    },
    mapError: toNodeError,
    describe: ({ document: doc }) => ({
      message:
        `This ${doc.type} ${doc.externalRef} (${doc.id}) was already posted from a different ` +
        'document',
      details: { id: doc.id, externalRef: doc.externalRef },
    }),
    unknownOutcomeWaitMs: posting.unknownOutcomeWaitMs,
    couldLandTwice: true,
    runsWithoutLedger: true,
  });
  return {
    document: result.document,
    created: origin === 'sent' && created,
    origin: origin === 'sent' ? 'erp' : origin,
  };
}
