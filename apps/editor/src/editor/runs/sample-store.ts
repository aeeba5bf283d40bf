/**
 * Sample payloads kept in this browser. Saved flows keep their samples in the runtime (see
 * `use-samples.ts`); the browser holds only those pinned on a flow not saved yet, and, from older
 * editors, samples of saved flows that are moved to the runtime the first time the flow loads.
 */
const PREFIX = 'paybridge:sample:';
const EVENT = 'paybridge:samples';

function key(flowId: string | null, nodeId: string): string {
  return `${PREFIX}${flowId ?? 'new'}:${nodeId}`;
}

/** The sample pinned on a node of the unsaved flow, or undefined (none, or storage blocked). */
export function loadSample(flowId: string | null, nodeId: string): unknown {
  try {
    const text = window.localStorage.getItem(key(flowId, nodeId));
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Pins (or with `undefined`, unpins) a sample in this browser. */
export function saveSample(flowId: string | null, nodeId: string, value: unknown): void {
  try {
    if (value === undefined) window.localStorage.removeItem(key(flowId, nodeId));
    else window.localStorage.setItem(key(flowId, nodeId), JSON.stringify(value));
    window.dispatchEvent(new Event(EVENT));
  } catch {
    // Storage full or disabled: the sample simply is not kept.
  }
}

/** Calls `listener` whenever a sample is pinned or unpinned in this browser; returns the unsubscribe. */
export function onLocalSamples(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}

/** Samples this browser still holds for a flow: node id and payload (unreadable ones skipped). */
export function localSamples(flowId: string): { nodeId: string; payload: unknown }[] {
  const found: { nodeId: string; payload: unknown }[] = [];
  try {
    const prefix = `${PREFIX}${flowId}:`;
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i);
      if (!k?.startsWith(prefix)) continue;
      try {
        const text = window.localStorage.getItem(k);
        if (text !== null)
          found.push({ nodeId: k.slice(prefix.length), payload: JSON.parse(text) as unknown });
      } catch {
        // Not JSON: nothing worth moving.
      }
    }
  } catch {
    // Storage disabled.
  }
  return found;
}

/** Forgets a sample this browser held, once the runtime has it. */
export function dropLocalSample(flowId: string, nodeId: string): void {
  try {
    window.localStorage.removeItem(key(flowId, nodeId));
  } catch {
    // Storage disabled: nothing to drop.
  }
}

/**
 * Moves samples pinned before the first save onto the flow's new id, where the next load of the
 * flow's samples finds them and stores them in the runtime.
 */
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
