import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { NODE_CATEGORIES } from '@paybridge/nodes/definitions';
import { categoryStyle } from './category-style';

/** Lookups over the catalogue the runtime served, built once per catalogue. */
export interface CatalogIndex {
  entries: readonly NodeCatalogEntry[];
  get(type: string, version: number): NodeCatalogEntry | undefined;
  /** The newest version of a type, for new nodes. */
  latest(type: string): NodeCatalogEntry | undefined;
  /** Palette groups in the product's order; categories the editor does not know come last. */
  groups: { category: string; entries: NodeCatalogEntry[] }[];
}

/** Indexes a catalogue by type and version, and groups it for the palette. */
export function indexCatalog(entries: readonly NodeCatalogEntry[]): CatalogIndex {
  const byKey = new Map(entries.map((e) => [`${e.type}@${e.version}`, e]));
  const latest = new Map<string, NodeCatalogEntry>();
  for (const e of entries) {
    const seen = latest.get(e.type);
    if (!seen || seen.version < e.version) latest.set(e.type, e);
  }
  const order = [...NODE_CATEGORIES] as string[];
  const categories = [...new Set([...latest.values()].map((e) => e.category as string))].sort(
    (a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    },
  );
  return {
    entries,
    get: (type, version) => byKey.get(`${type}@${version}`),
    latest: (type) => latest.get(type),
    groups: categories.map((category) => ({
      category,
      entries: [...latest.values()].filter((e) => e.category === category),
    })),
  };
}

/** Human name of a palette group. */
export function categoryTitle(category: string): string {
  return categoryStyle(category).title;
}
