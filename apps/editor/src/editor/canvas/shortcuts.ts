/** An editor command reachable from the keyboard; the help overlay lists exactly these. */
export interface Shortcut {
  command: ShortcutCommand;
  keys: string;
  description: string;
  /** Matches a keydown (Ctrl on Linux/Windows and Cmd on macOS count the same). */
  match(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean;
}

export type ShortcutCommand =
  | 'save'
  | 'undo'
  | 'redo'
  | 'delete'
  | 'select-all'
  | 'duplicate'
  | 'fit'
  | 'layout'
  | 'run'
  | 'help'
  | 'palette';

const mod = (e: { ctrlKey: boolean; metaKey: boolean }) => e.ctrlKey || e.metaKey;
const plain = (e: { ctrlKey: boolean; metaKey: boolean; altKey: boolean }) =>
  !e.ctrlKey && !e.metaKey && !e.altKey;

/** Every shortcut, in help order. Copy, cut and paste use the browser's own clipboard events. */
export const SHORTCUTS: Shortcut[] = [
  {
    command: 'save',
    keys: 'Ctrl+S',
    description: 'Save a new version',
    match: (e) => mod(e) && e.key.toLowerCase() === 's',
  },
  {
    command: 'undo',
    keys: 'Ctrl+Z',
    description: 'Undo',
    match: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
  },
  {
    command: 'redo',
    keys: 'Ctrl+Shift+Z / Ctrl+Y',
    description: 'Redo',
    match: (e) =>
      mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'),
  },
  {
    command: 'delete',
    keys: 'Delete / Backspace',
    description: 'Delete the selection',
    match: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'),
  },
  {
    command: 'select-all',
    keys: 'Ctrl+A',
    description: 'Select every node',
    match: (e) => mod(e) && e.key.toLowerCase() === 'a',
  },
  {
    command: 'duplicate',
    keys: 'Ctrl+D',
    description: 'Duplicate the selection',
    match: (e) => mod(e) && e.key.toLowerCase() === 'd',
  },
  {
    command: 'fit',
    keys: 'F',
    description: 'Fit the flow in view',
    match: (e) => plain(e) && e.key.toLowerCase() === 'f',
  },
  {
    command: 'layout',
    keys: 'L',
    description: 'Arrange nodes automatically',
    match: (e) => plain(e) && e.key.toLowerCase() === 'l',
  },
  {
    command: 'palette',
    keys: '/',
    description: 'Search the node palette',
    match: (e) => plain(e) && e.key === '/',
  },
  {
    command: 'run',
    keys: 'Ctrl+Enter',
    description: 'Test-run the flow',
    match: (e) => mod(e) && e.key === 'Enter',
  },
  {
    command: 'help',
    keys: '?',
    description: 'Show these shortcuts',
    match: (e) => !mod(e) && e.key === '?',
  },
];

/** Copy, cut and paste: listed in the help, handled through clipboard events. */
export const CLIPBOARD_SHORTCUTS = [
  { keys: 'Ctrl+C', description: 'Copy the selection' },
  { keys: 'Ctrl+X', description: 'Cut the selection' },
  { keys: 'Ctrl+V', description: 'Paste nodes' },
  { keys: 'Shift+drag', description: 'Select several nodes with a box' },
];

/** True when a key press belongs to a text field (or CodeMirror), not to the canvas. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return Boolean(
    el.closest('input, textarea, select, [contenteditable="true"], .cm-editor, dialog'),
  );
}

/** The command a key press stands for, unless the user is typing. */
export function commandFor(e: KeyboardEvent): ShortcutCommand | null {
  if (isTyping(e.target)) return null;
  return SHORTCUTS.find((s) => s.match(e))?.command ?? null;
}
