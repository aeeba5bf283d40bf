import { useEffect, useRef } from 'react';
import { closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

/** Where `JSON.parse` stopped in `text`, and why; null when the text is valid JSON. */
export function jsonProblem(text: string): { message: string; pos: number } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    return { message, pos: at ? Number(at[1]) : text.length };
  }
}

/**
 * A JSON editor on the editor's CodeMirror setup (history, bracket help, a lint marker where the
 * JSON breaks). Uncontrolled after mount: `value` is the starting text, `onChange` gets each edit.
 */
export function JsonEditor({
  value,
  onChange,
  label,
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  label: string;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const initial = useRef(value);
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          closeBrackets(),
          bracketMatching(),
          lintGutter(),
          linter((v): Diagnostic[] => {
            const problem = jsonProblem(v.state.doc.toString());
            if (!problem) return [];
            const length = v.state.doc.length;
            const from = Math.min(problem.pos, Math.max(0, length - 1));
            return [
              {
                from,
                to: Math.min(from + 1, length),
                severity: 'error',
                message: problem.message,
              },
            ];
          }),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            'aria-label': label,
            ...(testId ? { 'data-testid': testId } : {}),
          }),
          EditorView.theme({
            '&': { border: '1px solid var(--line)', borderRadius: '6px', background: '#fff' },
            '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
  }, [label, testId]);
  return <div ref={host} className="json-editor" />;
}
