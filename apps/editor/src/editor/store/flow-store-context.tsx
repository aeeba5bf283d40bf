import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { FlowActions, FlowState, FlowStore } from './flow-store';

const FlowStoreContext = createContext<FlowStore | null>(null);

/** Makes one open flow's store available to the canvas, inspector and toolbar below it. */
export function FlowStoreProvider({ store, children }: { store: FlowStore; children: ReactNode }) {
  return <FlowStoreContext.Provider value={store}>{children}</FlowStoreContext.Provider>;
}

/** The store itself, for reading state in event handlers without subscribing. */
export function useFlowStoreApi(): FlowStore {
  const store = useContext(FlowStoreContext);
  if (!store) throw new Error('useFlowStore must be used inside FlowStoreProvider');
  return store;
}

/** Subscribes to one slice of the open flow; select narrowly to keep re-renders cheap. */
export function useFlowStore<T>(selector: (state: FlowState & FlowActions) => T): T {
  return useStore(useFlowStoreApi(), selector);
}
