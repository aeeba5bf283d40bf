/** A step's error as the run view shows it; every field optional because errors are data. */
export interface StepErrorView {
  code: string | null;
  message: string;
  errorClass: string | null;
  /** Anything else the error carries (validation issues, gateway codes). */
  details: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a stored step error (`{ errorClass, code, message, details }`, secrets already scrubbed
 * by the runtime) into what an operator reads first: code and message, then the rest. Stored
 * errors are open JSON (older runs, other shapes), so nothing is assumed present.
 */
export function describeStepError(error: unknown): StepErrorView | null {
  if (error == null) return null;
  if (!isObject(error)) {
    return { code: null, message: String(error), errorClass: null, details: null };
  }
  return {
    code: typeof error.code === 'string' ? error.code : null,
    message: typeof error.message === 'string' ? error.message : JSON.stringify(error),
    errorClass: typeof error.errorClass === 'string' ? error.errorClass : null,
    details: error.details ?? null,
  };
}
