/** One field-level problem the runtime reported, with a path into what was sent. */
export interface ApiIssue {
  path?: (string | number)[];
  code?: string;
  message: string;
  nodeId?: string;
}

/**
 * A non-2xx answer from the runtime, carrying its stable error code and message so the UI can
 * show exactly what the runtime said (and field issues, when it sent them).
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** Field issues from a 422 (`details.issues`), normalised to objects with a message. */
  get issues(): ApiIssue[] {
    const raw = (this.details as { issues?: unknown } | undefined)?.issues;
    if (!Array.isArray(raw)) return [];
    return raw.map((item) => (typeof item === 'string' ? { message: item } : (item as ApiIssue)));
  }
}

/** A readable message for any thrown value, for alerts and toasts. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
