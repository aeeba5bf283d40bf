import { client, unwrap } from './client';

/** Connections, optionally of one type; secret fields come back only as `{ set: boolean }`. */
export function listConnections(type?: string) {
  return unwrap(client.api.connections.$get({ query: type ? { type } : {} })).then(
    (r) => r.connections,
  );
}

/** Creates a connection; its secret values are sealed by the runtime and never shown again. */
export function createConnection(input: {
  type: string;
  name: string;
  values: Record<string, unknown>;
}) {
  return unwrap(client.api.connections.$post({ json: input }));
}

/** Changes a connection; left-out secrets (or `{ set: true }`) keep their stored value. */
export function updateConnection(
  id: string,
  input: { name?: string; values?: Record<string, unknown> },
) {
  return unwrap(client.api.connections[':id'].$patch({ param: { id }, json: input }));
}

/** Deletes a connection; `force` deletes it even while active flows use it. */
export function deleteConnection(id: string, force = false) {
  return unwrap(
    client.api.connections[':id'].$delete({
      param: { id },
      query: { force: force ? 'true' : 'false' },
    }),
  );
}

/** Checks the stored credentials against the service: `{ ok, message }`. */
export function testConnection(id: string) {
  return unwrap(client.api.connections[':id'].test.$post({ param: { id } }));
}

export type Connection = Awaited<ReturnType<typeof listConnections>>[number];
