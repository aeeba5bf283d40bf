/**
 * Writes that are safe to repeat only after looking: read the resource, write what it still
 * lacks, and when a write's outcome is unknown (its answer was lost), read again and decide
 * afresh instead of resending blindly. The read after a lost answer is the verification: a write
 * that landed is seen and not repeated.
 *
 * @module
 */
import { ShopifyOutcomeUnknownError } from './errors';

/** How many read-write rounds one execution tries before handing the retry to the engine. */
export const CONVERGE_ROUNDS = 3;

/** The steps of a converging write. */
export interface ConvergeSteps<State, Result> {
  /** Reads the current state. Queries retry on their own. */
  read(): Promise<State>;
  /**
   * Writes what `state` still lacks and returns the result, or returns without writing when
   * nothing is missing. `state` is `undefined` in the first round when `readFirst` is false
   * (a write that is harmless to send once without looking, such as `metafieldsSet`).
   */
  write(state: State | undefined, round: number): Promise<Result>;
  /** Read before the first write too (needed to merge with what is there). */
  readonly readFirst: boolean;
}

/**
 * Runs the rounds. Throws the last {@link ShopifyOutcomeUnknownError} when every round lost its
 * answer (a TransientError: the engine retries the step, which starts again with a read).
 */
export async function converge<State, Result>(
  steps: ConvergeSteps<State, Result>,
): Promise<Result> {
  let lastUnknown: ShopifyOutcomeUnknownError | undefined;
  for (let round = 1; round <= CONVERGE_ROUNDS; round++) {
    const state = round === 1 && !steps.readFirst ? undefined : await steps.read();
    try {
      return await steps.write(state, round);
    } catch (err) {
      if (!(err instanceof ShopifyOutcomeUnknownError)) throw err;
      lastUnknown = err;
    }
  }
  throw lastUnknown as ShopifyOutcomeUnknownError;
}
