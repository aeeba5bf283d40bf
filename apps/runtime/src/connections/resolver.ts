/** A connection with its secret fields decrypted, for executors and trigger verification only. */
export interface ResolvedConnection {
  id: string;
  type: string;
  /** All field values, secrets decrypted. Never log, store or return these. */
  values: Record<string, unknown>;
  /** The decrypted secret strings, so callers can scrub them from anything they record. */
  secretValues: string[];
}

/**
 * Looks up and decrypts a connection. Implemented by the connection store; the ingress uses it to
 * verify trigger signatures, the worker to hand credentials to executors.
 */
export interface ConnectionResolver {
  resolve(id: string): Promise<ResolvedConnection | null>;
}
