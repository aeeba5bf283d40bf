import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime } from './support';
import { untypedResponses, type OpenApiDocument } from './openapi-walk';

let rt: RuntimeHandle;
let doc: OpenApiDocument;

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase());
  const res = await call(rt.url!, 'GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body as OpenApiDocument;
});
afterAll(async () => {
  await rt?.stop();
});

/**
 * Answers whose shape is not declared yet, each with the reason. Keep it short: anything the
 * editor reads must have a declared shape, or its typed client sees `unknown` and someone writes
 * a cast or a hand copy of the type again. An entry that no longer matches fails the test, so
 * the list only shrinks.
 */
const NOT_YET_TYPED: Record<string, string> = {};

describe('API contract', () => {
  it('declares a precise response schema for every successful API answer', () => {
    const found = untypedResponses(doc);
    expect(found.filter((f) => !(f in NOT_YET_TYPED))).toEqual([]);
    expect(
      Object.keys(NOT_YET_TYPED).filter((f) => !found.includes(f)),
      'typed now: remove from NOT_YET_TYPED',
    ).toEqual([]);
  });

  it('finds an answer that is an open object, a free value or a list of free values', () => {
    const free = { content: { 'application/json': { schema: {} } } };
    const open = {
      content: {
        'application/json': { schema: { type: 'object', additionalProperties: {} } },
      },
    };
    const list = {
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { rows: { type: 'array', items: { $ref: '#/components/schemas/Row' } } },
          },
        },
      },
    };
    const probe: OpenApiDocument = {
      paths: {
        '/a': { get: { responses: { 200: free } } },
        '/b': { post: { responses: { 201: open, 204: {} } } },
        '/c': { get: { responses: { 200: list, 404: free } } },
        '/d': { get: { responses: { 200: {} } } },
      },
      components: { schemas: { Row: { description: 'anything' } } },
    };
    expect(untypedResponses(probe)).toEqual([
      'GET /a 200',
      'POST /b 201',
      'GET /c 200: rows[]',
      'GET /d 200: no content declared',
    ]);
  });
});
