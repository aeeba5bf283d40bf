import { memo, useState } from 'react';
import { NodeResizer, useStore, type NodeProps } from '@xyflow/react';
import { STICKY_NOTE_COLORS } from '@paybridge/engine';
import { Markdown } from '../../ui/markdown';
import { useFlowStoreApi } from '../store/flow-store-context';
import { NOTE_PREFIX, type NoteNode } from '../store/flow-types';

/**
 * A sticky note on the canvas: Markdown text documenting the flow, edited in place (double-click,
 * or at once when new), resized by its corners and coloured from a few named shades. Read-only
 * canvases (an old version, a viewer) show the text only.
 */
function StickyNoteCard({ id, data, selected }: NodeProps<NoteNode>) {
  const store = useFlowStoreApi();
  const editable = useStore((s) => s.nodesDraggable);
  const [editing, setEditing] = useState(data.text === '' && editable);
  const color = data.color ?? 'yellow';
  const noteId = id.slice(NOTE_PREFIX.length);
  return (
    <div
      className={`sticky-note note-${color}${selected ? ' selected' : ''}`}
      data-testid={`sticky-${noteId}`}
      onDoubleClick={() => editable && setEditing(true)}
    >
      <NodeResizer isVisible={selected && editable} minWidth={120} minHeight={60} />
      {selected && editable && (
        <div className="sticky-colors nodrag" role="group" aria-label="Note colour">
          {STICKY_NOTE_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className={`sticky-swatch note-${c}`}
              aria-label={c}
              aria-pressed={c === color}
              onClick={() => store.getState().updateNote(id, { color: c })}
            />
          ))}
        </div>
      )}
      {editing ? (
        <textarea
          className="sticky-input nodrag nowheel"
          aria-label="Note text"
          // Focus the note being written, as a text box just opened.
          autoFocus
          value={data.text}
          placeholder="Explain this part of the flow (Markdown)"
          onChange={(e) => store.getState().updateNote(id, { text: e.target.value })}
          onBlur={() => setEditing(false)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
      ) : (
        <div className="sticky-text" title={editable ? 'Double-click to edit' : undefined}>
          {data.text ? <Markdown source={data.text} /> : <span className="hint">Empty note</span>}
        </div>
      )}
    </div>
  );
}

/** Memoised like node cards: only the note that changed re-renders. */
export const StickyNoteView = memo(StickyNoteCard);
