import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from './shortcuts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const command = (e: ReturnType<typeof key>) => SHORTCUTS.find((s) => s.match(e))?.command;

describe('shortcuts', () => {
  it('maps keys to commands, Cmd like Ctrl', () => {
    expect(command(key('z', { ctrlKey: true }))).toBe('undo');
    expect(command(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(command(key('y', { ctrlKey: true }))).toBe('redo');
    expect(command(key('s', { metaKey: true }))).toBe('save');
    expect(command(key('Delete'))).toBe('delete');
    expect(command(key('?', { shiftKey: true }))).toBe('help');
    expect(command(key('f'))).toBe('fit');
  });
  it('lists each command once', () => {
    const names = SHORTCUTS.map((s) => s.command);
    expect(new Set(names).size).toBe(names.length);
  });
});
