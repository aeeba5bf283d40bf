/**
 * Connection types an HTTP call can authenticate with, by name only: the `http.request`
 * definition needs the list without importing connection declarations into every node module.
 */
export const HTTP_AUTH_CONNECTION_TYPES = ['http.header-auth', 'http.basic-auth'] as const;
