import type { FlowGraph } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error';
import { applyBindings, checkConnections, checkParameters } from './install-input';
import { TemplateManifest } from './manifest';

const manifest = TemplateManifest.parse({
  id: 'sample',
  title: 'Sample',
  description: 'A sample',
  connections: [
    { slot: 'store', type: 'shopify', label: 'Store' },
    { slot: 'erp', type: 'erp', label: 'ERP' },
  ],
  parameters: [
    { name: 'tag', type: 'string', label: 'Tag', default: 'x', help: 'A tag', required: true },
    { name: 'names', type: 'string-list', label: 'Names', default: ['PayTrace'], help: 'Names' },
    { name: 'on', type: 'boolean', label: 'On', default: true, help: 'On' },
    { name: 'topic', type: 'string', label: 'Topic', default: 'a', help: 'T', options: ['a', 'b'] },
  ],
  bindings: [
    { node: 'n', path: ['connectionId'], connection: 'store' },
    { node: 'm', path: ['connectionId'], connection: 'erp' },
    { node: 'n', path: ['tags', 0], parameter: 'tag' },
    { node: 'n', path: ['names'], parameter: 'names' },
    { node: 'n', path: ['options', 'on'], parameter: 'on' },
    { node: 'n', path: ['topic'], parameter: 'topic' },
  ],
});

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('not refused');
};

describe('template install input', () => {
  it('fills defaults and checks each parameter, naming the one that is wrong', () => {
    expect(checkParameters(manifest, {})).toEqual({
      tag: 'x',
      names: ['PayTrace'],
      on: true,
      topic: 'a',
    });
    expect(refusal(() => checkParameters(manifest, { tag: ' ' }))).toMatchObject({
      status: 422,
      message: 'Parameter "tag" (Tag): must not be empty',
    });
    expect(refusal(() => checkParameters(manifest, { on: 'yes' })).message).toMatch(
      /"on".*true or false/,
    );
    expect(refusal(() => checkParameters(manifest, { topic: 'c' })).message).toMatch(
      /"topic".*one of a, b/,
    );
    expect(refusal(() => checkParameters(manifest, { names: [1] })).message).toMatch(
      /"names".*list of texts/,
    );
    expect(refusal(() => checkParameters(manifest, { nope: 1 })).message).toMatch(
      /no parameter "nope"/,
    );
  });

  it('takes the built-in ledger for an empty ERP slot and refuses a missing store', async () => {
    const find = async () => undefined;
    await expect(checkConnections(manifest, {}, find)).rejects.toThrow(
      'Connection "store" (Store): choose a shopify connection',
    );
    await expect(checkConnections(manifest, { store: 'not-a-uuid' }, find)).rejects.toThrow(
      /no connection with id not-a-uuid/,
    );
  });

  it('writes connections and parameters where the bindings say, dropping a built-in ERP', () => {
    const graph: FlowGraph = {
      nodes: [
        { id: 'n', type: 't', typeVersion: 1, config: { tags: ['old'] }, position: { x: 0, y: 0 } },
        {
          id: 'm',
          type: 't',
          typeVersion: 1,
          config: { connectionId: 'x' },
          position: { x: 0, y: 0 },
        },
      ],
      edges: [],
    };
    const bound = applyBindings(
      manifest,
      graph,
      { store: 'store-id', erp: null },
      { tag: 'new', names: ['A'], on: false, topic: 'b' },
    );
    expect(bound.nodes[0]!.config).toEqual({
      connectionId: 'store-id',
      tags: ['new'],
      names: ['A'],
      options: { on: false },
      topic: 'b',
    });
    expect(bound.nodes[1]!.config).toEqual({});
    expect(graph.nodes[0]!.config).toEqual({ tags: ['old'] });
  });

  it('leaves out a node bound to an empty optional value and bridges the chain around it', async () => {
    const optional = TemplateManifest.parse({
      id: 'mail',
      title: 'Mail',
      description: 'Mail',
      connections: [{ slot: 'smtp', type: 'smtp', label: 'Mail server', optional: true }],
      parameters: [{ name: 'to', type: 'string', label: 'To', default: '', help: 'To' }],
      bindings: [
        { node: 'mail', path: ['connectionId'], connection: 'smtp', omitNodeWhenEmpty: true },
        { node: 'staff', path: ['to'], parameter: 'to', omitNodeWhenEmpty: true },
      ],
    });
    const node = (id: string) => ({ id, type: 'map', typeVersion: 1, config: {} });
    const edge = (a: string, port: string, b: string) => ({
      from: { node: a, port },
      to: { node: b, port: 'in' },
    });
    const graph = {
      nodes: ['a', 'mail', 'staff', 'b'].map(node),
      edges: [
        edge('a', 'out', 'mail'),
        edge('mail', 'out', 'staff'),
        edge('mail', 'error', 'staff'),
        edge('staff', 'out', 'b'),
      ],
    } as FlowGraph;
    // No mail server chosen: it is not required, and both mail nodes go.
    expect(await checkConnections(optional, {}, async () => undefined)).toEqual({ smtp: null });
    const none = applyBindings(optional, graph, { smtp: null }, { to: '' });
    expect(none.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(none.edges).toEqual([edge('a', 'out', 'b')]);
    // A server but no staff address: only the staff email goes.
    const server = '00000000-0000-4000-8000-000000000001';
    const some = applyBindings(optional, graph, { smtp: server }, { to: '' });
    expect(some.nodes.map((n) => n.id)).toEqual(['a', 'mail', 'b']);
    expect(some.edges).toEqual([
      edge('a', 'out', 'mail'),
      edge('mail', 'out', 'b'),
      edge('mail', 'error', 'b'),
    ]);
    const all = applyBindings(optional, graph, { smtp: server }, { to: 'staff@example.com' });
    expect(all.nodes.find((n) => n.id === 'staff')?.config).toEqual({ to: 'staff@example.com' });
    expect(all.edges).toHaveLength(4);
  });
});
