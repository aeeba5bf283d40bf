/**
 * What the pay-link and await-payment executors need from their host: issuing signed links and
 * reading what shoppers submitted on the hosted pay page. The runtime implements it over Postgres
 * and its secret key; executors never see either. Server-side only.
 *
 * @module
 */

/** One line of the order summary shown on the pay page. */
export interface PayLinkLine {
  readonly title: string;
  readonly quantity: number;
  /** Line total in minor units of the link's currency. */
  readonly amountMinor: number;
}

/** What a pay link is for; the amount is fixed here, never by the page. */
export interface PayLinkRequest {
  readonly runId: string;
  /** The pay-link node; with the run, what makes issuing again return the same link. */
  readonly nodeId: string;
  readonly connectionId: string;
  readonly orderRef: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly shopName: string;
  readonly lines: readonly PayLinkLine[];
  readonly expiresAt: Date;
}

/** An issued link. */
export interface IssuedPayLink {
  readonly linkId: string;
  /** Absolute `/pay/<signed token>` URL under the runtime's public URL. */
  readonly url: string;
  readonly expiresAt: Date;
}

/** A link as the await step reads it. */
export interface PayLinkRecord {
  readonly id: string;
  readonly runId: string;
  readonly connectionId: string;
  readonly orderRef: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly expiresAt: Date;
}

/**
 * A submission the await step must act on: a pending one (with its one-time Protect.js tokens),
 * or the approved one (tokens already cleared) when an earlier execution charged it and stopped
 * before its step was recorded.
 */
export type OpenSubmission =
  | {
      readonly id: string;
      readonly status: 'pending';
      readonly hpfToken: string;
      readonly encKey: string;
    }
  | { readonly id: string; readonly status: 'approved' };

/** How a submission ended. */
export type SubmissionOutcome =
  | {
      readonly status: 'approved';
      readonly transactionId: string;
      readonly cardLastFour: string | null;
    }
  | { readonly status: 'declined'; readonly reason: string };

/** The host side of pay links. Every call is durable when it resolves. */
export interface PayLinks {
  /** Issues the link of `request` (the same one again for the same run and node). */
  issue(request: PayLinkRequest): Promise<IssuedPayLink>;
  /** The link, or null when there is none with this id. */
  link(linkId: string): Promise<PayLinkRecord | null>;
  /** The approved submission, else the oldest pending one, else null. */
  openSubmission(linkId: string): Promise<OpenSubmission | null>;
  /** Records how a submission ended, drops its tokens, and tells the waiting page. */
  settle(submissionId: string, outcome: SubmissionOutcome): Promise<void>;
  /** Marks the link expired: the page refuses it from now on. */
  expire(linkId: string): Promise<void>;
}
