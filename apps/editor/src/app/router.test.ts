import { describe, expect, it } from 'vitest';
import { addNavigationGuard, mayLeave, parseRoute } from './router';

describe('parseRoute', () => {
  it.each([
    ['/', { page: 'flows' }],
    ['/flows', { page: 'flows' }],
    ['/flows/abc', { page: 'flow', flowId: 'abc' }],
    ['/connections', { page: 'connections' }],
    ['/settings/', { page: 'settings' }],
    ['/settings/tokens', { page: 'settings', tab: 'tokens' }],
    ['/settings/alerts', { page: 'settings', tab: 'alerts' }],
    ['/ledger', { page: 'ledger' }],
    ['/ledger/journal', { page: 'ledger', tab: 'journal' }],
    ['/templates', { page: 'templates' }],
    ['/runs', { page: 'runs' }],
    ['/runs/r-1', { page: 'run', runId: 'r-1' }],
    ['/dead-letters', { page: 'dead-letters' }],
    ['/disputes', { page: 'disputes' }],
    ['/disputes/d-1', { page: 'dispute', disputeId: 'd-1' }],
    ['/reconciliation', { page: 'reconciliation' }],
    ['/reconciliation/2026-03-02', { page: 'reconciliation', date: '2026-03-02' }],
    ['/fraud', { page: 'fraud' }],
    ['/fraud/rv-1', { page: 'fraud-review', reviewId: 'rv-1' }],
    ['/nope/x', { page: 'not-found', path: '/nope/x' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });
});

describe('mayLeave', () => {
  it('asks the guards (unsaved changes) before a way out that is not a navigation, like sign-out', () => {
    expect(mayLeave()).toBe(true);
    let answer = false;
    const remove = addNavigationGuard(() => answer);
    expect(mayLeave()).toBe(false);
    answer = true;
    expect(mayLeave()).toBe(true);
    remove();
  });
});
