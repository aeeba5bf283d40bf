import { describe, expect, it } from 'vitest';
import { parseRoute } from './router';

describe('parseRoute', () => {
  it.each([
    ['/', { page: 'flows' }],
    ['/flows', { page: 'flows' }],
    ['/flows/abc', { page: 'flow', flowId: 'abc' }],
    ['/connections', { page: 'connections' }],
    ['/settings/', { page: 'settings' }],
    ['/nope/x', { page: 'not-found', path: '/nope/x' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });
});
