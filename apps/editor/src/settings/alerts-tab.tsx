/** Stand-in for the alert rules and channels tab until its component is wired in here. */
export function AlertsTab() {
  return <p className="hint">Alert rules and channels are not available in this build yet.</p>;
}
