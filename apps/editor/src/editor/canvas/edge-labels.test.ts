import { describe, expect, it } from 'vitest';
import { labelEdges } from './edge-labels';

const edge = (source: string, port: string, target: string) => ({
  id: `${source}:${port}->${target}:in`,
  source,
  sourceHandle: port,
  target,
  targetHandle: 'in',
});

describe('labelEdges', () => {
  it('labels the edges of nodes with several outputs by port, and marks unhappy paths', () => {
    const plain = edge('trigger', 'out', 'charge');
    const [first, approved, declined, error] = labelEdges(
      [
        plain,
        edge('charge', 'approved', 'paid'),
        edge('charge', 'declined', 'tag'),
        edge('lookup', 'error', 'alert'),
      ],
      new Set(['charge']),
    );
    expect(first).toBe(plain);
    expect(approved).toMatchObject({ label: 'approved', className: 'port-approved' });
    expect(declined).toMatchObject({ label: 'declined', className: 'port-declined' });
    expect(error).toMatchObject({ className: 'port-error' });
    expect(error).not.toHaveProperty('label');
  });
});
