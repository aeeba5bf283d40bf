/**
 * Pinned sample payloads of triggers, kept in this browser. The runtime has no endpoint to store
 * them with the flow yet, so they are per browser and survive reloads but not machines.
 */
const PREFIX = 'paybridge:sample:';

function key(flowId: string | null, nodeId: string): string {
  return `${PREFIX}${flowId ?? 'new'}:${nodeId}`;
}

/** The pinned sample of a trigger, or undefined when none is pinned (or storage is blocked). */
export function loadSample(flowId: string | null, nodeId: string): unknown {
  try {
    const text = window.localStorage.getItem(key(flowId, nodeId));
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Pins (or with `undefined`, unpins) a trigger's sample payload. */
export function saveSample(flowId: string | null, nodeId: string, value: unknown): void {
  try {
    if (value === undefined) window.localStorage.removeItem(key(flowId, nodeId));
    else window.localStorage.setItem(key(flowId, nodeId), JSON.stringify(value));
    window.dispatchEvent(new Event('paybridge:samples'));
  } catch {
    // Storage full or disabled: the sample simply is not kept.
  }
}

/** Moves samples pinned before the first save onto the flow's new id. */
export function adoptSamples(flowId: string): void {
  try {
    const from = `${PREFIX}new:`;
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const k = window.localStorage.key(i);
      if (k?.startsWith(from)) {
        const value = window.localStorage.getItem(k);
        if (value !== null)
          window.localStorage.setItem(`${PREFIX}${flowId}:${k.slice(from.length)}`, value);
        window.localStorage.removeItem(k);
      }
    }
  } catch {
    // Nothing to move.
  }
}
