import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

interface Toast {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
  /** How many times this message was given since it was first shown. */
  count: number;
}

interface ToastApi {
  info(text: string): void;
  /** Something done that deserves a second look (e.g. a flow activated beside an overlapping one). */
  warning(text: string): void;
  error(text: string): void;
}

const ToastContext = createContext<ToastApi>({
  info: () => {},
  warning: () => {},
  error: () => {},
});

/** The most toasts shown at once; a new one beyond it dismisses the oldest. */
export const MAX_TOASTS = 4;
const INFO_MS = 4000;

let nextId = 1;

/**
 * The stack after `text` is given: the same message of the same kind is counted on its toast
 * (moved to the newest place) rather than stacked again, and the oldest go beyond `MAX_TOASTS`.
 */
function withMessage(toasts: readonly Toast[], kind: Toast['kind'], text: string): Toast[] {
  const same = toasts.find((t) => t.kind === kind && t.text === text);
  const rest = toasts.filter((t) => t !== same);
  const toast = same ? { ...same, count: same.count + 1 } : { id: nextId++, kind, text, count: 1 };
  return [...rest, toast].slice(-MAX_TOASTS);
}

/**
 * Short messages in a live region, so results of background actions (saved, activated, failed)
 * are announced to screen readers and seen by everyone. Warnings and errors stay until dismissed;
 * infos go after a few seconds. A message repeated (a failing poll, a button clicked again)
 * counts up on its toast instead of piling up, and the stack never grows past `MAX_TOASTS`.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  /** The running timer of each info toast, with the count it was started for. */
  const timers = useRef(new Map<number, { count: number; timer: ReturnType<typeof setTimeout> }>());
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback((kind: Toast['kind'], text: string) => {
    setToasts((t) => withMessage(t, kind, text));
  }, []);

  // An info toast goes INFO_MS after it was last given: a repeat gives it its full time again.
  useEffect(() => {
    const infos = new Map(toasts.filter((t) => t.kind === 'info').map((t) => [t.id, t.count]));
    for (const [id, entry] of timers.current) {
      if (infos.get(id) === entry.count) continue;
      clearTimeout(entry.timer);
      timers.current.delete(id);
    }
    for (const [id, count] of infos) {
      if (!timers.current.has(id))
        timers.current.set(id, { count, timer: setTimeout(() => dismiss(id), INFO_MS) });
    }
  }, [toasts, dismiss]);
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  const api = useMemo<ToastApi>(
    () => ({
      info: (t) => push('info', t),
      warning: (t) => push('warning', t),
      error: (t) => push('error', t),
    }),
    [push],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} data-testid={`toast-${t.kind}`}>
            <span>{t.text}</span>
            {t.count > 1 && (
              <span className="toast-count" aria-label={`${t.count} times`}>
                ×{t.count}
              </span>
            )}
            <button type="button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Shows info, warning and error messages from anywhere below {@link ToastProvider}. */
export function useToasts(): ToastApi {
  return useContext(ToastContext);
}
