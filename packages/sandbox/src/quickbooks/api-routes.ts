/**
 * The Accounting API under `/v3/company/{realmId}`: create or update (`POST /{entity}`), read
 * (`GET /{entity}/{id}`) and query (`GET /query?query=...`, or POST with the statement as the
 * body). Every call needs a live bearer token for this company, counts against the per-minute
 * limit (HTTP 429 beyond it) and records the minor version it asked for.
 * @module
 */
import { Hono, type Context } from 'hono';
import type { QboContext } from './context.js';
import { createCustomer, assertUniqueName } from './customers.js';
import { fetch, update } from './entity-store.js';
import { faultBody, QboFaultError, qboTime, validation } from './fault.js';
import { createDeposit, createJournalEntry } from './journal-entries.js';
import { createPayment } from './payments.js';
import { parseQuery, QuerySyntaxError } from './query-parser.js';
import { runQuery } from './query-eval.js';
import { createSalesDocument } from './sales-documents.js';
import { table, type QboEntity } from './state.js';

type Creator = (sim: QboContext, body: Record<string, unknown>) => QboEntity;

/** Entity path segments (lower case, as in the URLs) and their entity names. */
const ENTITIES: Record<string, { name: string; create?: Creator; financial: boolean }> = {
  customer: { name: 'Customer', create: createCustomer, financial: false },
  invoice: {
    name: 'Invoice',
    create: (s, b) => createSalesDocument(s, 'Invoice', b),
    financial: true,
  },
  creditmemo: {
    name: 'CreditMemo',
    create: (s, b) => createSalesDocument(s, 'CreditMemo', b),
    financial: true,
  },
  refundreceipt: {
    name: 'RefundReceipt',
    create: (s, b) => createSalesDocument(s, 'RefundReceipt', b),
    financial: true,
  },
  payment: { name: 'Payment', create: createPayment, financial: true },
  journalentry: { name: 'JournalEntry', create: createJournalEntry, financial: true },
  deposit: { name: 'Deposit', create: createDeposit, financial: true },
  account: { name: 'Account', financial: false },
  item: { name: 'Item', financial: false },
};
const QUERYABLE = new Set(Object.values(ENTITIES).map((e) => e.name));

function send(sim: QboContext, c: Context, status: number, body: Record<string, unknown>) {
  return c.json({ ...body, time: qboTime(sim) }, status as 200);
}

function fault(sim: QboContext, c: Context, f: QboFaultError) {
  return c.json(faultBody(sim, f), f.status as 400);
}

/** Bearer check, fault injection, throttling and minor-version bookkeeping. */
function guard(sim: QboContext) {
  return async (c: Context, next: () => Promise<void>) => {
    const realm = c.req.param('realmId');
    const minor = c.req.query('minorversion') ?? null;
    sim.state.requestLog.push({ method: c.req.method, path: c.req.path, minorVersion: minor });
    const header = c.req.header('authorization') ?? '';
    const access = header.startsWith('Bearer ') ? header.slice(7) : '';
    const entry = sim.state.oauth.accessTokens.get(access);
    if (!entry || entry.expiresAt <= sim.now()) {
      return fault(
        sim,
        c,
        new QboFaultError(
          401,
          'AuthenticationFault',
          '3200',
          'message=AuthenticationFailed; errorCode=003200; statusCode=401',
          'Token expired or invalid',
        ),
      );
    }
    if (realm !== sim.realmId) {
      return fault(
        sim,
        c,
        new QboFaultError(
          403,
          'AuthorizationFault',
          '3100',
          'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
          `The token does not grant access to company ${realm}`,
        ),
      );
    }
    const now = sim.now();
    sim.state.recentRequests = sim.state.recentRequests.filter((t) => t > now - 60_000);
    if (
      sim.state.forcedThrottles > 0 ||
      sim.state.recentRequests.length >= sim.settings.requestsPerMinute
    ) {
      if (sim.state.forcedThrottles > 0) sim.state.forcedThrottles -= 1;
      return fault(
        sim,
        c,
        new QboFaultError(
          429,
          'ThrottleExceeded',
          '3001',
          'message=ThrottleExceeded; errorCode=003001; statusCode=429',
          'The request limit was reached.',
        ),
      );
    }
    sim.state.recentRequests.push(now);
    for (const [suffix, f] of sim.state.faults) {
      if (suffix !== '*' && !c.req.path.endsWith(suffix)) continue;
      if (f.remaining !== undefined && --f.remaining <= 0) sim.state.faults.delete(suffix);
      if (f.status !== undefined) {
        return fault(
          sim,
          c,
          new QboFaultError(
            f.status,
            'SystemFault',
            '10000',
            'An application error has occurred while processing your request',
            'System Failure Error: simulated outage',
          ),
        );
      }
      if (f.dropResponse) {
        await next();
        throw new Error('simulated dropped response');
      }
    }
    if (minor !== null && !/^\d+$/.test(minor)) {
      return fault(
        sim,
        c,
        validation('4001', 'Invalid minor version', `minorversion ${minor} is not a number`),
      );
    }
    await next();
  };
}

function runStatement(sim: QboContext, c: Context, statement: string) {
  try {
    const query = parseQuery(statement);
    if (!QUERYABLE.has(query.entity)) {
      throw new QuerySyntaxError(`Invalid entity ${query.entity}`);
    }
    const records = [...table(sim.state, query.entity).values()];
    const { total, page } = runQuery(records, query);
    if (query.count) return send(sim, c, 200, { QueryResponse: { totalCount: total } });
    const response: Record<string, unknown> =
      page.length === 0
        ? {}
        : { [query.entity]: page, startPosition: query.startPosition, maxResults: page.length };
    return send(sim, c, 200, { QueryResponse: response });
  } catch (err) {
    if (err instanceof QuerySyntaxError) {
      return fault(
        sim,
        c,
        validation('4000', 'Error parsing query', `QueryParserError: ${err.message}`),
      );
    }
    throw err;
  }
}

/** Routes of the Accounting API. */
export function apiRoutes(sim: QboContext): Hono {
  const app = new Hono();
  app.use('/v3/company/:realmId/*', guard(sim));
  app.onError((err, c) => {
    if (err instanceof QboFaultError) return fault(sim, c, err);
    throw err;
  });
  app.get('/v3/company/:realmId/query', (c) => runStatement(sim, c, c.req.query('query') ?? ''));
  app.post('/v3/company/:realmId/query', async (c) => runStatement(sim, c, await c.req.text()));
  app.get('/v3/company/:realmId/:entity/:id', (c) => {
    const spec = ENTITIES[c.req.param('entity').toLowerCase()];
    if (!spec) return c.json({ error: 'not found' }, 404);
    return send(sim, c, 200, { [spec.name]: fetch(sim, spec.name, c.req.param('id')) });
  });
  app.post('/v3/company/:realmId/:entity', async (c) => {
    const spec = ENTITIES[c.req.param('entity').toLowerCase()];
    if (!spec?.create) return c.json({ error: 'not found' }, 404);
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw validation(
        '2010',
        'Request has invalid or unsupported property',
        'The request body is not a JSON object',
      );
    }
    const isUpdate = body.Id !== undefined || c.req.query('operation') === 'update';
    if (isUpdate && spec.name === 'Customer' && typeof body.DisplayName === 'string') {
      assertUniqueName(sim, body.DisplayName, String(body.Id));
    }
    const entity = isUpdate ? update(sim, spec.name, body, spec.financial) : spec.create(sim, body);
    return send(sim, c, 200, { [spec.name]: entity });
  });
  return app;
}
