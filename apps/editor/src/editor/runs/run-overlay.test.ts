import { describe, expect, it } from 'vitest';
import { runFinished, runOverlay } from './run-overlay';

const step = (seq: number, nodeId: string, status: string, output: any) => ({
  seq,
  nodeId,
  nodeType: 'map',
  attempt: seq,
  status,
  port: 'out',
  input: { n: seq },
  output,
  error: null,
  startedAt: '',
  finishedAt: '',
  durationMs: 3,
  resumeAt: null,
});

describe('runOverlay', () => {
  it('keeps the last step of each node', () => {
    const overlay = runOverlay({
      steps: [
        step(2, 'map', 'succeeded', { ok: true }),
        step(1, 'map', 'retrying', null),
        step(0, 'trigger', 'succeeded', { body: {} }),
      ],
    });
    expect(overlay.map?.status).toBe('succeeded');
    expect(overlay.map?.output).toEqual({ ok: true });
    expect(overlay.trigger?.output).toEqual({ body: {} });
  });
  it('knows final states', () => {
    expect(runFinished('queued')).toBe(false);
    expect(runFinished('failed')).toBe(true);
  });
});
