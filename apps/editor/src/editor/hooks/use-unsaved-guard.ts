import { useEffect } from 'react';
import { addNavigationGuard } from '../../app/router';

/**
 * Warns before unsaved changes are lost: on closing or reloading the tab (the browser's own
 * prompt) and on moving to another page inside the editor (a confirm).
 */
export function useUnsavedGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    const remove = addNavigationGuard(() =>
      window.confirm('This flow has unsaved changes. Leave and lose them?'),
    );
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      remove();
    };
  }, [dirty]);
}
