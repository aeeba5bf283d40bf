import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  branchNode,
  connectionCatalog,
  ConnectionCatalogEntry,
  lookupSpec,
  nodeCatalog,
  NodeCatalogEntry,
  nodeDefinitions,
} from './definitions';

describe('nodeCatalog', () => {
  const catalog = nodeCatalog();

  it('lists every definition once, with a JSON Schema object for its config', () => {
    expect(catalog.map((entry) => `${entry.type}@${entry.version}`)).toEqual(
      nodeDefinitions.map((definition) => `${definition.type}@${definition.version}`),
    );
    expect(new Set(catalog.map((entry) => entry.type)).size).toBe(catalog.length);
    for (const entry of catalog) {
      expect(entry.configSchema, entry.type).toMatchObject({ type: 'object' });
    }
  });

  it('matches the schema the runtime declares for it, key for key', () => {
    // Parsing drops undeclared keys: equality proves the editor's inferred type is the whole entry.
    const served = JSON.parse(JSON.stringify(catalog)) as unknown[];
    expect(served.map((entry) => NodeCatalogEntry.parse(entry))).toEqual(served);
    const connections = JSON.parse(JSON.stringify(connectionCatalog())) as unknown[];
    expect(connections.map((entry) => ConnectionCatalogEntry.parse(entry))).toEqual(connections);
  });

  it('is plain JSON, so the API can serve it and the editor can cache it', () => {
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });

  it('gives every config field a title, so forms never show raw field names', () => {
    for (const entry of catalog) {
      const properties = (entry.configSchema.properties ?? {}) as Record<
        string,
        { title?: string }
      >;
      for (const [field, schema] of Object.entries(properties)) {
        expect(schema.title, `${entry.type}.${field}`).toBeTruthy();
      }
    }
  });

  it('marks defaulted fields optional, as a user filling in the form sees them', () => {
    const http = catalog.find((entry) => entry.type === 'http.request');
    expect(http?.configSchema.required).toEqual(['url']);
    expect(http?.configSchema.properties).toMatchObject({
      timeoutMs: { default: 30000, minimum: 100, maximum: 300000, widget: 'duration-ms' },
      method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] },
    });
  });

  it('describes branch ports as dynamic, with only "default" before rules are added', () => {
    const branch = catalog.find((entry) => entry.type === 'branch');
    expect(branch?.ports).toEqual({ dynamic: true, inputs: ['in'], defaultOutputs: ['default'] });
    const http = catalog.find((entry) => entry.type === 'http.request');
    expect(http?.ports).toEqual({ inputs: ['in'], outputs: ['out', 'error'] });
  });

  it('derives branch output ports from its rules, in rule order, then "default"', () => {
    const config = branchNode.config.parse({
      rules: [
        { port: 'paid', when: 'financial_status = "paid"' },
        { port: 'refunded', when: '$count(refunds) > 0' },
      ],
    });
    const ports = typeof branchNode.ports === 'function' ? branchNode.ports(config) : undefined;
    expect(ports).toEqual({ inputs: ['in'], outputs: ['paid', 'refunded', 'default'] });
  });

  it('includes output schemas where the shape is known, for mapping hints', () => {
    const rest = catalog.find((entry) => entry.type === 'trigger.rest');
    expect(rest?.outputSchema).toMatchObject({
      type: 'object',
      required: ['method', 'path', 'headers', 'query', 'body'],
    });
  });

  it('gives every ERP posting node the document its mapping must produce', () => {
    const erp = catalog.filter(
      (entry) =>
        entry.category === 'erp' && 'mapping' in ((entry.configSchema.properties ?? {}) as object),
    );
    expect(erp.length).toBeGreaterThanOrEqual(7);
    for (const entry of erp) expect(entry.mappingTarget?.field, entry.type).toBe('mapping');
    const invoice = catalog.find((entry) => entry.type === 'erp.invoice-from-order');
    expect(invoice?.mappingTarget?.schema).toMatchObject({
      type: 'object',
      properties: { externalRef: {}, customerRef: {}, lines: { type: 'array' } },
    });
    expect(invoice?.mappingTarget?.schema.required).toEqual(
      expect.arrayContaining(['externalRef', 'customerRef', 'currency', 'date', 'lines']),
    );
  });

  it('carries examples for what the mapping editor shows before any run', () => {
    const shopify = catalog.find((entry) => entry.type === 'trigger.shopify');
    expect(shopify?.outputSchema?.examples).toEqual([
      expect.objectContaining({ body: expect.objectContaining({ total_price: '49.99' }) }),
    ]);
    const order = catalog.find((entry) => entry.type === 'shopify.get-order');
    expect(order?.outputSchema).toMatchObject({
      properties: { total: { properties: { minor: { examples: [4999] } } } },
    });
  });
});

describe('config schemas', () => {
  const malformed: unknown[] = [
    null,
    'text',
    42,
    [],
    {},
    { rules: [null, 'x', { port: 5, when: null }] },
    { headers: { 'x-a': 5, '': null }, query: [] },
    { url: 5, method: 'TRACE', body: () => 1 },
    { path: null, cron: 5, timezone: {}, ms: 'soon', until: 5, expression: {} },
  ];

  it('report bad input as issues instead of throwing, so saving shows field errors', () => {
    for (const definition of nodeDefinitions) {
      for (const value of malformed) {
        expect(() => definition.config.safeParse(value), definition.type).not.toThrow();
      }
    }
  });
});

describe('lookupSpec', () => {
  it('finds a node type by type and version, and nothing for unknown versions', () => {
    expect(lookupSpec('map', 1)).toBe(nodeDefinitions.find((d) => d.type === 'map'));
    expect(lookupSpec('map', 2)).toBeUndefined();
    expect(lookupSpec('nope', 1)).toBeUndefined();
  });
});

describe('definitions entry point', () => {
  const root = dirname(fileURLToPath(import.meta.url));

  /** Every local module reachable from `file`, following relative imports. */
  function moduleGraph(file: string, seen = new Map<string, string>()): Map<string, string> {
    if (seen.has(file)) return seen;
    const source = readFileSync(file, 'utf8');
    seen.set(file, source);
    for (const [, specifier] of source.matchAll(/from '(\.[^']+)'/g)) {
      moduleGraph(resolve(dirname(file), `${specifier}.ts`), seen);
    }
    return seen;
  }

  it('imports nothing server-only, so the editor can bundle it', () => {
    const graph = moduleGraph(resolve(root, 'definitions.ts'));
    expect(graph.size).toBeGreaterThan(5);
    for (const [file, source] of graph) {
      const packages = [...source.matchAll(/from '([^.'][^']*)'/g)].map(([, name]) => name);
      for (const name of packages) {
        // ipaddr.js is plain JS without Node built-ins: trigger CIDR checks run in the editor too.
        // The fraud order schema is zod only (the fraud package's layering rule keeps it so).
        expect(
          ['zod', 'croner', 'ipaddr.js', '@paybridge/engine', '@paybridge/fraud/order-schema'],
          `${file} imports ${name}`,
        ).toContain(name);
      }
    }
  });
});
