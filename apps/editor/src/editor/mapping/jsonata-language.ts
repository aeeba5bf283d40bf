import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

interface State {
  inComment: boolean;
}

const KEYWORDS = new Set(['and', 'or', 'in', 'function']);
const ATOMS = new Set(['true', 'false', 'null']);

/**
 * JSONata tokens for highlighting (a small stream tokenizer, enough for colours: JSONata has no
 * Lezer grammar). Strings, backtick names, numbers, `$variables`, comments, operators.
 */
export const jsonataLanguage = StreamLanguage.define<State>({
  name: 'jsonata',
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo('*/')) {
        stream.next();
        stream.next();
        state.inComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('/*')) {
      state.inComment = true;
      return 'comment';
    }
    const ch = stream.peek();
    if (ch === '"' || ch === "'") {
      stream.next();
      let escaped = false;
      for (let c = stream.next(); c !== undefined; c = stream.next()) {
        if (c === ch && !escaped) break;
        escaped = !escaped && c === '\\';
      }
      return 'string';
    }
    if (ch === '`') {
      stream.next();
      stream.skipTo('`');
      stream.next();
      return 'propertyName';
    }
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return 'number';
    if (stream.match(/^\$[A-Za-z0-9_]*/)) return 'variableName';
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current();
      if (KEYWORDS.has(word)) return 'keyword';
      if (ATOMS.has(word)) return 'atom';
      return 'propertyName';
    }
    if (stream.match(/^(:=|!=|<=|>=|~>|\?\?|\?:|\.\.|[-+*/%&|=<>!?:.,;^~#@])/)) return 'operator';
    stream.next();
    return 'punctuation';
  },
  languageData: { commentTokens: { block: { open: '/*', close: '*/' } } },
});

/** Colours for the tokens above, readable on white, distinct without relying on hue alone. */
export const jsonataHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.string, color: '#0b7a3e' },
    { tag: tags.number, color: '#9a3412' },
    { tag: tags.variableName, color: '#6d28d9', fontWeight: '600' },
    { tag: tags.propertyName, color: '#1d4ed8' },
    { tag: tags.keyword, color: '#be123c', fontWeight: '600' },
    { tag: tags.atom, color: '#9a3412' },
    { tag: tags.comment, color: '#6b7280', fontStyle: 'italic' },
    { tag: tags.operator, color: '#374151' },
  ]),
);
