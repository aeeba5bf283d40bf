import type { ReactNode } from 'react';
import { navigate } from '../app/router';

/** A link that moves inside the editor without reloading (and still opens in a new tab). */
export function InAppLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a
      href={to}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
