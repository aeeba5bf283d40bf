import { DEMO_CREDENTIALS } from '@paybridge/sandbox';

/**
 * A call to the sandbox's PayTrace simulator under the runtime at `base`, as a merchant's back
 * office would make it: a password-grant token, then the JSON call. Tests read what PayTrace
 * holds (transactions, captures, voids) this way rather than trusting the runtime's own word.
 */
export async function sandboxPaytrace(
  base: string,
  path: string,
  body: Record<string, unknown>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each endpoint answers its own shape; tests read the fields they check
): Promise<any> {
  const token = (await fetch(`${base}/sandbox/paytrace/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: DEMO_CREDENTIALS.username,
      password: DEMO_CREDENTIALS.password,
    }),
  }).then((r) => r.json())) as { access_token: string };
  const res = await fetch(`${base}/sandbox/paytrace${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify(body),
  });
  return res.json();
}
