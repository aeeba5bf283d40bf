import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Niceness of an expression thread whose evaluation runs long: below the event loop's. */
export const SLOW_EVALUATION_NICENESS = 10;

/**
 * The kernel id of the calling thread, or 0 where there is none to address (not Linux). Linux
 * keeps a scheduling priority per thread, addressed by this id, which `/proc/thread-self` names.
 */
export function currentThreadId(): number {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : 0;
  } catch {
    return 0;
  }
}

/**
 * Sets the niceness of one thread of this process; false when it could not (not Linux, or
 * raising priority again without the privilege to). A runaway expression demoted this way takes
 * only the CPU nobody else wants, while the main thread (API, ingress, queue) is scheduled first.
 */
export function setThreadNiceness(tid: number, niceness: number): boolean {
  if (tid <= 0) return false;
  try {
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}

/** The niceness of one thread of this process (0 where it cannot be read). */
export function getThreadNiceness(tid: number): number {
  if (tid <= 0) return 0;
  try {
    return getPriority(tid);
  } catch {
    return 0;
  }
}
