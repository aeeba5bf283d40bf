import { ApiFailure } from './api-failure';
import { client, setCsrfToken, unwrap } from './client';

/** Who is signed in, or null when nobody is (401). Remembers the CSRF token as a side effect. */
export async function getMe() {
  try {
    const me = await unwrap(client.api.auth.me.$get());
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/** Signs in with email and password; the session cookie is set by the runtime. */
export async function signIn(email: string, password: string) {
  const session = await unwrap(client.api.auth.login.$post({ json: { email, password } }));
  setCsrfToken(session.csrfToken);
  return session;
}

/** Creates the first admin with the one-time setup token and signs in. */
export async function setupFirstAdmin(token: string, email: string, password: string) {
  const session = await unwrap(client.api.auth.setup.$post({ json: { token, email, password } }));
  setCsrfToken(session.csrfToken);
  return session;
}

/** Ends the session. */
export async function signOut() {
  try {
    await unwrap(client.api.auth.logout.$post());
  } finally {
    setCsrfToken(null);
  }
}

export type Me = NonNullable<Awaited<ReturnType<typeof getMe>>>;
