import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { jsonataCompletions } from './jsonata-completions';
import { jsonataHighlight, jsonataLanguage } from './jsonata-language';

/**
 * A JSONata editor (CodeMirror 6): highlighting, bracket help, completion of functions and of
 * the sample's field names, and a marker at the position of the current error. Controlled:
 * `value` from outside replaces the text only when it differs, so typing never jumps.
 * Dropping a dragged field inserts its path where it is dropped.
 */
export function ExpressionEditor({
  id,
  value,
  onChange,
  readOnly = false,
  placeholder,
  describedBy,
  errorPosition,
  errorMessage,
  fields,
  minLines = 2,
  testId,
  autoFocus = false,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  placeholder?: string | undefined;
  describedBy?: string;
  /** Offset JSONata reported for the current error (it points just past the bad token). */
  errorPosition?: number | undefined;
  errorMessage?: string | undefined;
  fields?: readonly string[];
  minLines?: number;
  testId?: string;
  /** Focus the editor, cursor at the end, once it is created. */
  autoFocus?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const fieldsRef = useRef<readonly string[]>(fields ?? []);
  fieldsRef.current = fields ?? [];
  const errorRef = useRef<{ pos?: number | undefined; message?: string | undefined }>({});
  errorRef.current = { pos: errorPosition, message: errorMessage };
  const readOnlyCompartment = useRef(new Compartment());

  useEffect(() => {
    if (!host.current) return;
    const state = EditorState.create({
      doc: value,
      ...(autoFocus ? { selection: { anchor: value.length } } : {}),
      extensions: [
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        closeBrackets(),
        bracketMatching(),
        jsonataLanguage,
        jsonataHighlight,
        autocompletion({ override: [jsonataCompletions(() => fieldsRef.current)] }),
        lintGutter(),
        linter(
          (v): Diagnostic[] => {
            const { pos, message } = errorRef.current;
            if (pos === undefined) return [];
            const length = v.state.doc.length;
            const to = Math.min(Math.max(pos, 1), length);
            const from = Math.max(0, to - 1);
            return [
              {
                from,
                to: Math.max(to, from + 1 <= length ? from + 1 : to),
                severity: 'error',
                message: message ?? 'Error here',
              },
            ];
          },
          { delay: 100 },
        ),
        placeholderExt(placeholder ?? ''),
        readOnlyCompartment.current.of(EditorState.readOnly.of(readOnly)),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          id,
          'aria-label': 'JSONata expression',
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          ...(testId ? { 'data-testid': testId } : {}),
        }),
        EditorView.theme({
          '&': {
            border: '1px solid var(--line)',
            borderRadius: '6px',
            background: '#fff',
            fontSize: '12.5px',
          },
          '.cm-content': { fontFamily: 'var(--mono)', minHeight: `${minLines * 1.45}em` },
          '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChangeRef.current(update.state.doc.toString());
        }),
      ],
    });
    const created = new EditorView({ state, parent: host.current });
    view.current = created;
    if (autoFocus) created.focus();
    return () => {
      created.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes are applied below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: readOnlyCompartment.current.reconfigure(EditorState.readOnly.of(readOnly)),
    });
  }, [readOnly]);

  useEffect(() => {
    // Re-run the linter when the error moves.
    if (view.current) forceLinting(view.current);
  }, [errorPosition, errorMessage]);

  return <div ref={host} className="expression-editor" />;
}
