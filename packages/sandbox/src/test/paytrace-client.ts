/**
 * Test support: starts a simulator on a random local port and talks to it over real HTTP, the way
 * a connector would.
 * @module
 */
import { startPaytraceSimulator, type StartPaytraceSimulatorOptions } from '../paytrace/start.js';
import { DEMO_CREDENTIALS } from '../paytrace/simulator.js';

/** An HTTP answer with its parsed JSON body. */
export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** The visa test card of the PayTrace sandbox. */
export const VISA = {
  number: '4012000098765439',
  expiration_month: '12',
  expiration_year: '2099',
};

/** Starts a simulator and returns helpers bound to it. */
export async function startClient(options: StartPaytraceSimulatorOptions = {}) {
  const sim = await startPaytraceSimulator(options);
  async function post(path: string, body: unknown, token?: string): Promise<Answer> {
    const response = await fetch(sim.url + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const textBody = await response.text();
    return {
      status: response.status,
      body: textBody === '' ? null : JSON.parse(textBody),
      headers: response.headers,
    };
  }
  async function token(): Promise<string> {
    const answer = await post('/oauth/token', {
      grant_type: 'password',
      username: DEMO_CREDENTIALS.username,
      password: DEMO_CREDENTIALS.password,
    });
    return answer.body.access_token as string;
  }
  let bearer = await token();
  /** POSTs to a `/v1` path, re-authenticating once on `invalid_token` as connectors do. */
  const v1 = async (path: string, body: unknown = {}) => {
    const answer = await post(path, body, bearer);
    if (answer.body?.error !== 'invalid_token') return answer;
    bearer = await token();
    return post(path, body, bearer);
  };
  /** A keyed sale or authorization with the Visa test card. */
  const keyed = (kind: 'sale' | 'authorization', amount: string | number, extra = {}) =>
    v1(`/v1/transactions/${kind}/keyed`, {
      amount,
      credit_card: VISA,
      integrator_id: DEMO_CREDENTIALS.integratorId,
      ...extra,
    });
  return { sim, post, token, v1, keyed, bearer: () => bearer };
}
