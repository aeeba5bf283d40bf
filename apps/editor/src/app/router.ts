import { useSyncExternalStore } from 'react';

/** Pages of the editor, parsed from the URL path. */
export type Route =
  | { page: 'flows' }
  | { page: 'flow'; flowId: string }
  | { page: 'connections' }
  | { page: 'settings'; tab?: string }
  | { page: 'ledger'; tab?: string }
  | { page: 'templates' }
  | { page: 'runs' }
  | { page: 'run'; runId: string }
  | { page: 'dead-letters' }
  | { page: 'disputes' }
  | { page: 'dispute'; disputeId: string }
  | { page: 'reconciliation'; date?: string }
  | { page: 'fraud' }
  | { page: 'fraud-review'; reviewId: string }
  | { page: 'not-found'; path: string };

/** Reads a route from a URL path; unknown paths become `not-found` rather than a blank page. */
export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'flows')) return { page: 'flows' };
  if (parts[0] === 'flows' && parts.length === 2 && parts[1]) {
    return { page: 'flow', flowId: decodeURIComponent(parts[1]) };
  }
  if (parts.length === 1 && parts[0] === 'connections') return { page: 'connections' };
  if (parts[0] === 'settings' && parts.length <= 2) {
    return parts[1] ? { page: 'settings', tab: parts[1] } : { page: 'settings' };
  }
  if (parts[0] === 'ledger' && parts.length <= 2) {
    return parts[1] ? { page: 'ledger', tab: parts[1] } : { page: 'ledger' };
  }
  if (parts.length === 1 && parts[0] === 'templates') return { page: 'templates' };
  if (parts.length === 1 && parts[0] === 'runs') return { page: 'runs' };
  if (parts[0] === 'runs' && parts.length === 2 && parts[1]) {
    return { page: 'run', runId: decodeURIComponent(parts[1]) };
  }
  if (parts.length === 1 && parts[0] === 'dead-letters') return { page: 'dead-letters' };
  if (parts.length === 1 && parts[0] === 'disputes') return { page: 'disputes' };
  if (parts[0] === 'disputes' && parts.length === 2 && parts[1]) {
    return { page: 'dispute', disputeId: decodeURIComponent(parts[1]) };
  }
  if (parts[0] === 'reconciliation' && parts.length <= 2) {
    return parts[1] ? { page: 'reconciliation', date: parts[1] } : { page: 'reconciliation' };
  }
  if (parts.length === 1 && parts[0] === 'fraud') return { page: 'fraud' };
  if (parts[0] === 'fraud' && parts.length === 2 && parts[1]) {
    return { page: 'fraud-review', reviewId: decodeURIComponent(parts[1]) };
  }
  return { page: 'not-found', path };
}

type Guard = () => boolean;
const guards = new Set<Guard>();

/**
 * Registers a check run before in-app navigation (e.g. "discard unsaved changes?"); returning
 * false cancels it. Returns the unregister function.
 */
export function addNavigationGuard(guard: Guard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

function notify() {
  window.dispatchEvent(new Event('paybridge:navigate'));
}

/**
 * Asks every guard whether leaving the current page is fine (unsaved changes), for ways out that
 * are not a navigation, such as signing out. False when one refuses.
 */
export function mayLeave(): boolean {
  for (const guard of guards) if (!guard()) return false;
  return true;
}

/** Moves to another page without reloading, unless a guard refuses. */
export function navigate(path: string): void {
  if (!mayLeave()) return;
  window.history.pushState(null, '', path);
  notify();
}

function subscribe(callback: () => void) {
  window.addEventListener('popstate', callback);
  window.addEventListener('paybridge:navigate', callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener('paybridge:navigate', callback);
  };
}

/** The current URL path, re-rendering on navigation and on the browser's back/forward. */
export function usePath(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => '/',
  );
}
