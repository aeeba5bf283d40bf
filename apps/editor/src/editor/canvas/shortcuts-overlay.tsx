import { Dialog } from '../../ui/dialog';
import { CLIPBOARD_SHORTCUTS, SHORTCUTS } from './shortcuts';

/** The keyboard help (`?`), generated from the same table the key handler uses. */
export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const rows = [...SHORTCUTS, ...CLIPBOARD_SHORTCUTS];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts">
      <table className="shortcuts">
        <tbody>
          {rows.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">On macOS, Cmd works wherever Ctrl is listed.</p>
    </Dialog>
  );
}
