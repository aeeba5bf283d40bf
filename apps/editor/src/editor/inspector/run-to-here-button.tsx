/**
 * "Run to here": saves the flow if needed and test-runs it only up to this node with the pinned
 * sample, so a flow can be tried part by part without what comes after (a charge, an ERP post)
 * ever happening. Results show on the canvas like those of a full test run.
 */
export function RunToHereButton({
  nodeId,
  busy,
  onRunTo,
}: {
  nodeId: string;
  busy: boolean;
  onRunTo: (nodeId: string) => void;
}) {
  return (
    <div className="inspector-actions">
      <button
        type="button"
        className="small"
        disabled={busy}
        data-testid="run-to-here"
        title="Save, then run the flow with the pinned sample up to this node; nothing after it runs"
        onClick={() => onRunTo(nodeId)}
      >
        ▶ Run to here
      </button>
    </div>
  );
}
