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
  http: null,
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

describe('runOverlay attempts', () => {
  it('counts the attempts a node needed and keeps the next retry time', () => {
    const overlay = runOverlay({
      steps: [
        { ...step(1, 'charge', 'retrying', null), attempt: 1, resumeAt: '2026-01-01T00:00:05Z' },
        { ...step(2, 'charge', 'retrying', null), attempt: 2, resumeAt: '2026-01-01T00:00:30Z' },
        { ...step(0, 'trigger', 'succeeded', {}), attempt: 1 },
      ],
    });
    expect(overlay.charge?.attempts).toBe(2);
    expect(overlay.charge?.resumeAt).toBe('2026-01-01T00:00:30Z');
    expect(overlay.trigger?.attempts).toBe(1);
  });
});

describe('runOverlay node summaries', () => {
  it("takes attempts, total duration and next attempt from the runtime's node summary", () => {
    const overlay = runOverlay({
      steps: [{ ...step(1, 'charge', 'retrying', null), attempt: 3 }],
      nodes: [
        {
          nodeId: 'charge',
          nodeType: 'paytrace.sale',
          status: 'retrying',
          attempts: 3,
          durationMs: 950,
          startedAt: '',
          finishedAt: '',
          nextAttemptAt: '2026-01-01T00:01:00Z',
          errorCode: 'HTTP_503',
        },
      ],
    });
    expect(overlay.charge).toMatchObject({
      attempts: 3,
      durationMs: 950,
      resumeAt: '2026-01-01T00:01:00Z',
    });
  });
});
