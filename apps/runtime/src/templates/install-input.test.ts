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
});
