import { PermanentError, type ResolveConnection } from '@paybridge/engine';
import { SecretDecryptError } from '../secrets/seal';
import type { ConnectionResolver } from './resolver';

/**
 * The engine's view of the connection store. A secret that does not decrypt (tampered, moved, a
 * missing key) fails the step permanently as `SECRET_UNREADABLE`: retrying cannot fix it, and the
 * flow must fail closed rather than call a service without its credentials. Database errors pass
 * through and are classified (and retried) like any other.
 */
export function connectionResolverForEngine(resolver: ConnectionResolver): ResolveConnection {
  return async (id) => {
    try {
      const connection = await resolver.resolve(id);
      return connection
        ? {
            type: connection.type,
            values: connection.values,
            secretValues: connection.secretValues,
          }
        : null;
    } catch (err) {
      if (err instanceof SecretDecryptError) {
        throw new PermanentError('SECRET_UNREADABLE', err.message, {
          details: { connectionId: err.place.connectionId, field: err.place.field },
        });
      }
      throw err;
    }
  };
}
