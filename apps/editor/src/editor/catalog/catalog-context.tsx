import { createContext, useContext, type ReactNode } from 'react';
import type { CatalogIndex } from './catalog-index';

const CatalogContext = createContext<CatalogIndex | null>(null);

/** Provides the node catalogue the runtime served to everything inside the editor. */
export function CatalogProvider({
  catalog,
  children,
}: {
  catalog: CatalogIndex;
  children: ReactNode;
}) {
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

/** The node catalogue; only valid inside {@link CatalogProvider}. */
export function useCatalog(): CatalogIndex {
  const catalog = useContext(CatalogContext);
  if (!catalog) throw new Error('useCatalog must be used inside CatalogProvider');
  return catalog;
}
