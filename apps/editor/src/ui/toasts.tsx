import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Toast {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
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

let nextId = 1;

/**
 * Short messages in a live region, so results of background actions (saved, activated, failed)
 * are announced to screen readers and seen by everyone. Warnings and errors stay until dismissed.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (kind: Toast['kind'], text: string) => {
      const id = nextId++;
      setToasts((t) => [...t.slice(-4), { id, kind, text }]);
      if (kind === 'info') setTimeout(() => dismiss(id), 4000);
    },
    [dismiss],
  );
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
