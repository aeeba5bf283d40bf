import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';
import { listRuns } from '../api/runs-api';
import { navigate } from '../app/router';
import { hasRole } from '../lib/roles';
import { rememberDemo } from './install-result-store';
import { useSandbox } from './sandbox';
import { runDemo, type DemoResult } from './templates-api';
import './templates.css';

const ORDER_TEMPLATE = 'order-to-cash';
const RUN_WAIT_MS = 20_000;

type Phase = 'idle' | 'placing' | 'waiting-run' | 'opening' | 'failed';

/** The flow the demo's order runs through: the order-to-cash template's. */
export function orderFlowOf(result: DemoResult) {
  return result.flows.find((f) => f.templateId === ORDER_TEMPLATE) ?? result.flows[0];
}

async function findRun(flowId: string): Promise<string | null> {
  const until = Date.now() + RUN_WAIT_MS;
  while (Date.now() < until) {
    const [latest] = await listRuns(flowId, 1);
    if (latest) return latest.id;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

/**
 * "Try the demo" on the home page of a sandbox start (the runtime's settings say sandbox): one
 * click installs the order-to-cash and refund templates against the simulators, seeds a vault
 * customer, places a Shopify order and opens the order's run live in the flow editor. Admins only,
 * as the runtime's demo call is.
 */
export function DemoCallToAction({ me }: { me: Me }) {
  const qc = useQueryClient();
  const isAdmin = hasRole(me.role, 'admin');
  const sandbox = useSandbox();
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const [seconds, setSeconds] = useState(0);
  const busy = phase === 'placing' || phase === 'waiting-run' || phase === 'opening';
  useEffect(() => {
    if (!busy) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.round((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [busy]);

  if (!isAdmin || !sandbox) return null;

  const start = async () => {
    setError(null);
    setSeconds(0);
    setPhase('placing');
    try {
      const result = await runDemo();
      await qc.invalidateQueries({ queryKey: queryKeys.flows });
      const flow = orderFlowOf(result);
      if (!flow) throw new Error('the demo installed no flow');
      setPhase('waiting-run');
      const runId = result.runId ?? (await findRun(flow.id));
      rememberDemo(qc, flow.id, result);
      setPhase('opening');
      navigate(`/flows/${flow.id}${runId ? `?run=${encodeURIComponent(runId)}` : ''}`);
    } catch (err) {
      setError(errorMessage(err));
      setPhase('failed');
    }
  };

  const steps: { label: string; state: 'todo' | 'doing' | 'done' }[] = [
    {
      label:
        'Install the order-to-cash and refund templates, seed a vault customer, place a Shopify order',
      state: phase === 'placing' ? 'doing' : busy ? 'done' : 'todo',
    },
    {
      label: 'Wait for the order’s webhook to start the flow',
      state: phase === 'waiting-run' ? 'doing' : phase === 'opening' ? 'done' : 'todo',
    },
    { label: 'Watch the order go through, node by node', state: 'todo' },
  ];
  return (
    <section className="card demo-cta" aria-label="Try the demo" data-testid="demo-cta">
      <div>
        <strong>New here? See an order paid and booked in a minute.</strong>
        <p className="hint">
          Sandbox mode: the built-in Shopify, PayTrace and ledger simulators stand in for the real
          services. The demo installs the two payment templates against them and places an order.
        </p>
        {(busy || phase === 'failed') && (
          <ol className="demo-steps" aria-label="Demo progress">
            {steps.map((s) => (
              <li key={s.label} data-state={s.state}>
                {s.label}
                {s.state === 'doing' ? ` (${seconds} s)…` : s.state === 'done' ? ' ✓' : ''}
              </li>
            ))}
          </ol>
        )}
        {error && (
          <p className="error-text" role="alert">
            The demo stopped: {error}
          </p>
        )}
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
        {busy ? 'Running the demo…' : phase === 'failed' ? 'Try again' : 'Try the demo'}
      </button>
    </section>
  );
}
