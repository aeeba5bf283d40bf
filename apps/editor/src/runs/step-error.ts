/** A step's error as the run view shows it; every field optional because errors are data. */
export interface StepErrorView {
  code: string | null;
  message: string;
  errorClass: string | null;
  /** The HTTP exchange behind a connector's failure, when the error carries one. */
  http: { method?: string; url?: string; status?: number; body?: unknown } | null;
  /** Anything else the error carries (validation issues, gateway codes). */
  details: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a stored step error (`{ errorClass, code, message, details }`, secrets already scrubbed
 * by the runtime) into what an operator reads first: code and message, then the HTTP exchange
 * (method, URL, status, body) when the details hold one, then the rest.
 */
export function describeStepError(error: unknown): StepErrorView | null {
  if (error == null) return null;
  if (!isObject(error)) {
    return { code: null, message: String(error), errorClass: null, http: null, details: null };
  }
  const details = error.details;
  let http: StepErrorView['http'] = null;
  const source = isObject(details) ? (isObject(details.http) ? details.http : details) : null;
  if (source && (typeof source.status === 'number' || typeof source.url === 'string')) {
    http = {
      ...(typeof source.method === 'string' ? { method: source.method } : {}),
      ...(typeof source.url === 'string' ? { url: source.url } : {}),
      ...(typeof source.status === 'number' ? { status: source.status } : {}),
      ...(source.body !== undefined ? { body: source.body } : {}),
    };
  }
  return {
    code: typeof error.code === 'string' ? error.code : null,
    message: typeof error.message === 'string' ? error.message : JSON.stringify(error),
    errorClass: typeof error.errorClass === 'string' ? error.errorClass : null,
    http,
    details: http && source === details ? null : (details ?? null),
  };
}
