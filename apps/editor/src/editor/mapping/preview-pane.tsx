import type { PreviewResult } from './preview';

/** The live result of the whole expression on the sample, or where and why it fails. */
export function PreviewPane({
  result,
  hasData,
}: {
  result: PreviewResult | null;
  hasData: boolean;
}) {
  return (
    <section className="preview-pane" aria-label="Preview" aria-live="polite">
      <h4>Result on the sample</h4>
      {!hasData && <p className="hint">No sample data yet: results show as nothing.</p>}
      {result === null ? (
        <p className="hint">Evaluating…</p>
      ) : result.ok ? (
        <pre data-testid="mapping-preview">
          {result.value === undefined
            ? '(nothing: no match)'
            : JSON.stringify(result.value, null, 2)}
        </pre>
      ) : (
        <p className="error-text" role="alert" data-testid="mapping-error">
          {result.message}
          {result.position !== undefined ? ` (position ${result.position})` : ''}
        </p>
      )}
    </section>
  );
}
