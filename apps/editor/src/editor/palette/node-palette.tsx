import { forwardRef, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { StickyNote } from 'lucide-react';
import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { categoryTitle } from '../catalog/catalog-index';
import { useCatalog } from '../catalog/catalog-context';
import { NodeIcon } from '../catalog/node-icon';
import { NODE_DRAG_TYPE, NOTE_DRAG_TYPE } from '../canvas/flow-canvas';
import { recentNodes, rememberNode } from './recent-nodes';

function matches(entry: NodeCatalogEntry, query: string): boolean {
  if (!query) return true;
  const text = `${entry.title} ${entry.type} ${entry.description} ${entry.category}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

/** Moves focus between palette items with the arrow keys (the search box is above the first). */
function moveFocus(e: KeyboardEvent, list: HTMLElement | null, search: HTMLInputElement | null) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const items = [...(list?.querySelectorAll<HTMLButtonElement>('.palette-item') ?? [])];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const next = e.key === 'ArrowDown' ? at + 1 : at - 1;
  e.preventDefault();
  if (next < 0) search?.focus();
  else items[Math.min(next, items.length - 1)]?.focus();
}

/**
 * Node types from the runtime's catalogue, grouped by category and searchable, the types added
 * last on top. Keyboard first: `/` focuses the search, Enter adds the first match next to the
 * selection, the arrow keys walk the list, Enter on an item adds it. Drag one onto the canvas,
 * or double-click it, as well. A sticky note is added the same ways.
 */
export const NodePalette = forwardRef<
  HTMLInputElement,
  {
    onAdd: (entry: NodeCatalogEntry) => void;
    onAddNote?: () => void;
    disabled?: boolean;
  }
>(function NodePalette({ onAdd, onAddNote, disabled = false }, searchRef) {
  const catalog = useCatalog();
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState(recentNodes);
  const listRef = useRef<HTMLElement | null>(null);
  const searchEl = () => (searchRef && typeof searchRef === 'object' ? searchRef.current : null);
  const groups = useMemo(() => {
    const found = catalog.groups
      .map((g) => ({ ...g, entries: g.entries.filter((e) => matches(e, query)) }))
      .filter((g) => g.entries.length > 0);
    const recentEntries = query
      ? []
      : recent
          .map((type) => catalog.latest(type))
          .filter((e): e is NodeCatalogEntry => e !== undefined);
    return recentEntries.length > 0
      ? [{ category: 'recent', title: 'Recent', entries: recentEntries }, ...found]
      : found;
  }, [catalog, query, recent]);
  const add = (entry: NodeCatalogEntry) => {
    onAdd(entry);
    rememberNode(entry.type);
    setRecent(recentNodes());
  };
  return (
    <aside
      className="palette"
      aria-label="Node palette"
      ref={listRef}
      onKeyDown={(e) => moveFocus(e, listRef.current, searchEl())}
    >
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
        onKeyDown={(e) => {
          const first = groups[0]?.entries[0];
          if (e.key === 'Enter' && first && !disabled) {
            e.preventDefault();
            add(first);
          } else if (e.key === 'Escape') {
            setQuery('');
            e.currentTarget.blur();
          }
        }}
      />
      {onAddNote && !query && (
        <button
          type="button"
          className="palette-item palette-note"
          data-testid="palette-sticky-note"
          draggable={!disabled}
          disabled={disabled}
          title="A note documenting the flow. Drag onto the canvas, or double-click to add."
          onDragStart={(e) => {
            e.dataTransfer.setData(NOTE_DRAG_TYPE, 'note');
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onDoubleClick={onAddNote}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onAddNote();
            }
          }}
        >
          <StickyNote size={16} aria-hidden="true" />
          <span className="palette-text">
            <span className="palette-title">Sticky note</span>
            <span className="palette-desc">Explain a part of the flow on the canvas.</span>
          </span>
        </button>
      )}
      {groups.length === 0 && <p className="hint">No node matches “{query}”.</p>}
      {groups.map((group) => (
        <section
          key={group.category}
          aria-label={'title' in group ? group.title : categoryTitle(group.category)}
        >
          <h3>{'title' in group ? group.title : categoryTitle(group.category)}</h3>
          <ul>
            {group.entries.map((entry) => (
              <li key={`${group.category}-${entry.type}`}>
                <button
                  type="button"
                  className="palette-item"
                  data-testid={
                    group.category === 'recent' ? `recent-${entry.type}` : `palette-${entry.type}`
                  }
                  draggable={!disabled}
                  disabled={disabled}
                  title={`${entry.description}\nDrag onto the canvas, or double-click to add.`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(NODE_DRAG_TYPE, `${entry.type}@${entry.version}`);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onDoubleClick={() => add(entry)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      add(entry);
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
