import { forwardRef, useMemo, useState } from 'react';
import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { categoryTitle } from '../catalog/catalog-index';
import { useCatalog } from '../catalog/catalog-context';
import { NodeIcon } from '../catalog/node-icon';
import { NODE_DRAG_TYPE } from '../canvas/flow-canvas';

function matches(entry: NodeCatalogEntry, query: string): boolean {
  if (!query) return true;
  const text = `${entry.title} ${entry.type} ${entry.description} ${entry.category}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

/**
 * Node types from the runtime's catalogue, grouped by category and searchable. Drag one onto the
 * canvas, or double-click it (or press Enter on it) to add it next to the selection.
 */
export const NodePalette = forwardRef<
  HTMLInputElement,
  { onAdd: (entry: NodeCatalogEntry) => void; disabled?: boolean }
>(function NodePalette({ onAdd, disabled = false }, searchRef) {
  const catalog = useCatalog();
  const [query, setQuery] = useState('');
  const groups = useMemo(
    () =>
      catalog.groups
        .map((g) => ({ ...g, entries: g.entries.filter((e) => matches(e, query)) }))
        .filter((g) => g.entries.length > 0),
    [catalog, query],
  );
  return (
    <aside className="palette" aria-label="Node palette">
      <label className="sr-only" htmlFor="palette-search">
        Search nodes
      </label>
      <input
        id="palette-search"
        ref={searchRef}
        type="search"
        placeholder="Search nodes  ( / )"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.length === 0 && <p className="hint">No node matches “{query}”.</p>}
      {groups.map((group) => (
        <section key={group.category} aria-label={categoryTitle(group.category)}>
          <h3>{categoryTitle(group.category)}</h3>
          <ul>
            {group.entries.map((entry) => (
              <li key={entry.type}>
                <button
                  type="button"
                  className="palette-item"
                  data-testid={`palette-${entry.type}`}
                  draggable={!disabled}
                  disabled={disabled}
                  title={`${entry.description}\nDrag onto the canvas, or double-click to add.`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(NODE_DRAG_TYPE, `${entry.type}@${entry.version}`);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onDoubleClick={() => onAdd(entry)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      onAdd(entry);
                    }
                  }}
                >
                  <NodeIcon icon={entry.icon} category={entry.category} />
                  <span className="palette-text">
                    <span className="palette-title">{entry.title}</span>
                    <span className="palette-desc">{entry.description}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
});
