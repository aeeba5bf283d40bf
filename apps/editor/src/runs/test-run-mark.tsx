import './runs.css';
/**
 * Marks a test run ("Execute previous nodes") in run lists, so nobody takes its simulated charge
 * for a real one: "test · simulator" when live PayTrace went to the simulator, "test · live" when
 * live calls were confirmed. Nothing for a real run.
 */
export function TestRunMark({ test }: { test: 'simulator' | 'live' | null }) {
  if (test === null) return null;
  return (
    <span
      className="run-badge run-test"
      data-testid="test-run-mark"
      title={
        test === 'live'
          ? 'Test run with live calls confirmed: its effects are real'
          : 'Test run: live PayTrace went to the simulator; nothing was charged'
      }
    >
      test · {test}
    </span>
  );
}
