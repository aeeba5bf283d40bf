import { useEffect } from 'react';

type FitView = (options?: { padding?: number; maxZoom?: number; duration?: number }) => unknown;

/**
 * While the page follows a run (`?run=` in the URL: the guided demo), keeps the whole graph in
 * view: the demo's banner and results grow and shrink the canvas above a wide graph (order to
 * cash spans a dozen nodes), and a run watched with half its nodes off screen shows nothing.
 * Refits whenever the canvas changes size; a user's own zoom stays until the next resize.
 */
export function useFitWhileFollowing(following: boolean, fitView: FitView): void {
  useEffect(() => {
    if (!following) return;
    const canvas = document.querySelector('.workspace .canvas');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fit = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void fitView({ padding: 0.04, maxZoom: 1 }), 120);
    };
    fit();
    if (!canvas || typeof ResizeObserver === 'undefined') return () => clearTimeout(timer);
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [following, fitView]);
}
