import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RunNodeDetail } from './run-node-detail';

describe('RunNodeDetail', () => {
  it("shows a connector call's error with its HTTP exchange, attempts and next attempt", () => {
    render(
      <RunNodeDetail
        nodeId="sale"
        state={{
          status: 'retrying',
          port: null,
          input: { amount: 4800 },
          output: null,
          error: {
            errorClass: 'transient',
            code: 'HTTP_503',
            message: 'api.paytrace.com answered 503',
          },
          durationMs: 1250,
          attempts: 3,
          resumeAt: '2026-01-01T10:05:00Z',
          http: {
            method: 'POST',
            target: 'api.paytrace.com/v1/transactions/sale/keyed',
            status: 503,
            responseBody: '{"error":"busy"}',
          },
        }}
      />,
    );
    const error = screen.getByTestId('run-node-error');
    expect(error.textContent).toContain('HTTP_503');
    expect(error.textContent).toContain('api.paytrace.com answered 503');
    expect(screen.getByTestId('http-exchange').textContent).toMatch(
      /POST api\.paytrace\.com\/v1\/transactions\/sale\/keyed → 503/,
    );
    expect(screen.getByTestId('http-exchange').textContent).toContain('{"error":"busy"}');
    expect(screen.getByTestId('next-attempt').textContent).toBe(
      new Date('2026-01-01T10:05:00Z').toLocaleString(),
    );
    expect(screen.getByText('3')).toBeTruthy();
    expect(screen.getByText('1.3 s')).toBeTruthy();
  });

  it('says when the node did not run', () => {
    render(<RunNodeDetail nodeId="refund" state={undefined} />);
    expect(screen.getByText('This node did not run in this run.')).toBeTruthy();
  });
});
