/**
 * Connecting QuickBooks Online with OAuth 2.0 (authorization code): an admin asks for the
 * authorization URL of a saved `quickbooks` connection, consents on Intuit's site, and Intuit
 * redirects to `/oauth/quickbooks/callback` with a code and the company (realm) id, which are
 * exchanged and stored (the refresh token sealed) in the connection.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import {
  authorizationUrl,
  exchangeCode,
  INTUIT_OAUTH,
  simulatorOAuth,
  type OAuthEndpoints,
} from '@paybridge/nodes/erp/server';
import { ErpError } from '@paybridge/nodes/erp';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { apiRoute } from '../http/api-route';
import { apiRouter } from '../http/api-router';
import { jsonBody, jsonResponse } from '../http/openapi-helpers';
import { errorResponses, IdParam } from '../http/schemas';
import { signState, stateConnection, verifyState } from './quickbooks-state';

/** Where Intuit sends the user back. */
export const CALLBACK_PATH = '/oauth/quickbooks/callback';

type Deps = Pick<AppDeps, 'connections' | 'audit' | 'env' | 'sandbox'>;

function baseUrl(deps: Deps, requestUrl: string): string {
  return (deps.env.PAYBRIDGE_PUBLIC_URL ?? new URL(requestUrl).origin).replace(/\/+$/, '');
}

function endpointsFor(deps: Deps, values: Record<string, unknown>, base: string): OAuthEndpoints {
  if (values.environment !== 'simulator') return INTUIT_OAUTH;
  const url =
    typeof values.baseUrl === 'string'
      ? values.baseUrl
      : deps.sandbox
        ? `${base}/sandbox/quickbooks`
        : null;
  if (!url)
    throw new ApiError(422, 'SIMULATOR_UNAVAILABLE', 'Set the simulator URL of this connection');
  return simulatorOAuth(url);
}

async function quickbooksValues(deps: Deps, id: string) {
  const resolved = await deps.connections.resolve(id);
  if (!resolved || resolved.type !== 'quickbooks') {
    throw new ApiError(404, 'NOT_FOUND', `No QuickBooks Online connection ${id}`);
  }
  return resolved.values;
}

/** `POST /api/quickbooks/connections/{id}/authorize` (admin): the URL to send the admin to. */
export function quickbooksConnectRoutes(deps: Deps) {
  return apiRouter().openapi(
    apiRoute('admin', {
      method: 'post',
      path: '/connections/{id}/authorize',
      summary: 'Start connecting a QuickBooks Online company: the Intuit consent URL',
      request: { params: IdParam, ...jsonBody(z.object({}).strict()) },
      responses: {
        200: jsonResponse(z.object({ url: z.string(), redirectUri: z.string() }), 'Consent URL'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const values = await quickbooksValues(deps, id);
      const base = baseUrl(deps, c.req.url);
      const redirectUri = `${base}${CALLBACK_PATH}`;
      const url = authorizationUrl(endpointsFor(deps, values, base), {
        clientId: String(values.clientId),
        redirectUri,
        state: signState(id, String(values.clientSecret), Date.now()),
      });
      await deps.audit.record(c, {
        action: 'connection.authorize',
        targetType: 'connection',
        targetId: id,
      });
      return c.json({ url, redirectUri }, 200);
    },
  );
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(status: 200 | 400, message: string) {
  const html = `<!doctype html><meta charset="utf-8"><title>QuickBooks Online</title><p>${escapeHtml(message)}</p>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/**
 * `GET /oauth/quickbooks/callback`: outside `/api` because the browser arrives from Intuit
 * without a session; only a state signed for the connection is accepted.
 */
export function quickbooksCallbackRoutes(deps: Deps) {
  return new Hono().get(CALLBACK_PATH, async (c) => {
    const { code, state, realmId, error } = c.req.query();
    const id = state ? stateConnection(state) : null;
    if (!id) return page(400, 'This link is not a QuickBooks Online authorization.');
    const values = await deps.connections.resolve(id).catch(() => null);
    if (
      !values ||
      values.type !== 'quickbooks' ||
      !verifyState(state!, String(values.values.clientSecret), Date.now())
    ) {
      return page(
        400,
        'This authorization expired or was not started here. Start again from Paybridge.',
      );
    }
    if (error || !code || !realmId || !/^\d{1,32}$/.test(realmId)) {
      return page(
        400,
        `QuickBooks Online did not authorize the connection (${error ?? 'no code'}).`,
      );
    }
    const base = baseUrl(deps, c.req.url);
    try {
      const tokens = await exchangeCode(
        endpointsFor(deps, values.values, base),
        {
          clientId: String(values.values.clientId),
          clientSecret: String(values.values.clientSecret),
        },
        code,
        `${base}${CALLBACK_PATH}`,
      );
      await deps.connections.update(id, { values: { realmId, refreshToken: tokens.refreshToken } });
    } catch (err) {
      if (err instanceof ErpError) return page(400, `QuickBooks Online refused: ${err.message}`);
      throw err;
    }
    await deps.audit.record(null, {
      action: 'connection.authorized',
      targetType: 'connection',
      targetId: id,
      details: { realmId },
    });
    return page(200, 'QuickBooks Online is connected. You can close this tab.');
  });
}
