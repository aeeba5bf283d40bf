import { describe, expect, it } from 'vitest';
import type { FlowGraph } from '@paybridge/engine';
import { credentialedNodeIds, redactRunData, redactRunError, WITHHELD } from './run-data-redaction';

const graph = {
  nodes: [
    { id: 'trigger', type: 'trigger.manual', typeVersion: 1, config: {} },
    { id: 'plain', type: 'http.request', typeVersion: 1, config: { url: 'https://a.example' } },
    {
      id: 'auth',
      type: 'http.request',
      typeVersion: 1,
      config: { url: 'https://a.example', connectionId: 'c1' },
    },
    { id: 'copy', type: 'map', typeVersion: 1, config: { expression: '$' } },
  ],
  edges: [],
} as unknown as FlowGraph;

const step = (nodeId: string, output: unknown, error: unknown = null) => ({
  nodeId,
  nodeType: nodeId === 'copy' ? 'map' : 'http.request',
  input: { from: nodeId },
  output,
  error,
});

const response = { status: 200, headers: { 'x-echo': 'terces' }, body: { parts: ['ter', 'ces'] } };
const run = {
  error: { errorClass: 'permanent', code: 'X', message: 'quotes terces', details: response },
  response: { status: 200, body: 'terces' },
  steps: [step('plain', response), step('auth', response), step('copy', { copied: 'terces' })],
};

describe('run data redaction', () => {
  it('finds the nodes that send an HTTP auth connection, and unknown ones that could', () => {
    expect(credentialedNodeIds(graph)).toEqual(new Set(['auth']));
    const retried = [{ nodeId: 'gone', nodeType: 'http.request' }];
    expect(credentialedNodeIds(graph, retried)).toEqual(new Set(['auth', 'gone']));
    expect(credentialedNodeIds(null, [{ nodeId: 'm', nodeType: 'map' }])).toEqual(new Set());
  });

  it('shows admins everything', () => {
    expect(redactRunData(run, new Set(['auth']), 'admin')).toBe(run);
  });

  it('withholds the response of the credentialed step and everything after it', () => {
    const shown = redactRunData(run, new Set(['auth']), 'operator');
    expect(shown.steps[0]).toEqual(run.steps[0]);
    expect(shown.steps[1]).toMatchObject({
      input: { from: 'auth' },
      output: { status: 200, headers: WITHHELD, body: WITHHELD },
    });
    expect(shown.steps[2]).toMatchObject({ input: WITHHELD, output: WITHHELD });
    expect(shown.response).toEqual(WITHHELD);
    expect(shown.error).toEqual({ errorClass: 'permanent', code: 'X', message: WITHHELD.message });
    const { steps, ...rest } = shown;
    expect(JSON.stringify([steps.slice(1), rest])).not.toContain('terces');
  });

  it('leaves runs without a credentialed step alone', () => {
    expect(redactRunData(run, new Set(), 'viewer')).toBe(run);
    expect(redactRunError(run.error, false, 'viewer')).toBe(run.error);
    expect(redactRunError(run.error, true, 'editor')).toMatchObject({ code: 'X' });
    expect(JSON.stringify(redactRunError(run.error, true, 'editor'))).not.toContain('terces');
  });
});
