import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { navigate } from '../app/router';
import { useFlowStore } from '../editor/store/flow-store-context';
import { placeNewShopperOrder, refundDemoOrder } from './demo-api';
import { DemoResultsPanel } from './demo-results';
import { orderFlowIdOf, updateDemo, type DemoSession } from './install-result-store';

type Busy = 'new-shopper' | 'refund' | null;

/** Whether some step of the shown run waits (the order flow's wait for payment is `suspended`). */
function useWaiting(): boolean {
  return useFlowStore((s) => Object.values(s.run).some((state) => state.status === 'suspended'));
}

function statusLine(session: DemoSession, runStatus: string | null, waiting: boolean): string {
  const order = `Shopify order ${session.order.orderName}`;
  if (session.step === 'refund') {
    return runStatus === null
      ? `Demo: the refund of ${order} is going through the refund flow; each node lights up as it runs.`
      : runStatus === 'succeeded'
        ? `Demo: ${order} refunded (succeeded): PayTrace refund, note on the order, credit memo in the ledger.`
        : `Demo: the refund of ${order} ended ${runStatus}.`;
  }
  if (waiting || runStatus === 'waiting') {
    return `Demo: ${order} is waiting for payment: pay it on the pay page (opened in a new tab) with a test card.`;
  }
  if (runStatus === null) {
    return `Demo: ${order} is going through this flow; each node lights up as it runs.`;
  }
  if (session.step === 'new-shopper' && runStatus === 'succeeded') {
    return `Demo: ${order} paid (succeeded): sale by the pay page's token, vault profile created, booked in the ledger.`;
  }
  return `Demo: ${order} went through this flow (${runStatus}). See the results:`;
}

/**
 * The guided demo's banner on its order and refund flows: says what the followed run is doing
 * (going through, waiting for payment, paid, refunded), then offers the next steps (an order for
 * a new shopper paid on the pay page, a refund of the last order) and shows the results in the
 * three systems, refreshed as each step's run ends. `followRun` follows a run on this canvas.
 */
export function DemoGuide({
  flowId,
  session,
  runStatus,
  followRun,
}: {
  flowId: string;
  session: DemoSession;
  /** How the followed run ended, `waiting` if it still waits; null while it goes on. */
  runStatus: string | null;
  followRun?: (runId: string) => void;
}) {
  const qc = useQueryClient();
  const waiting = useWaiting();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);

  // Follows a step's run on the canvas of the flow it runs through (this one, or the other).
  const follow = (targetFlowId: string, runId: string) => {
    if (targetFlowId === flowId && followRun) followRun(runId);
    else navigate(`/flows/${targetFlowId}?run=${encodeURIComponent(runId)}`);
  };

  const newShopper = async () => {
    setError(null);
    setBusy('new-shopper');
    // Opened within the click, so no popup blocker stops it; the pay page loads once known.
    const tab = window.open('about:blank', '_blank');
    try {
      const placed = await placeNewShopperOrder();
      updateDemo(qc, {
        order: {
          shopifyOrderId: placed.shopifyOrderId,
          orderName: placed.orderName,
          payUrl: placed.payUrl,
        },
        step: 'new-shopper',
      });
      if (!placed.payUrl)
        throw new Error(`order ${placed.orderName} was placed but its pay link was not written`);
      if (tab) {
        tab.opener = null;
        tab.location.href = placed.payUrl;
      }
      if (!placed.runId)
        throw new Error(`order ${placed.orderName}’s run did not start; see the flow’s runs`);
      follow(orderFlowIdOf(placed.flows) ?? session.orderFlowId, placed.runId);
    } catch (err) {
      if (tab && tab.location.href === 'about:blank') tab.close();
      setError(`The new shopper’s order failed: ${errorMessage(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const refund = async () => {
    setError(null);
    if (!session.refundFlowId) {
      setError('The refund failed: the demo installed no refund flow');
      return;
    }
    setBusy('refund');
    try {
      const refunded = await refundDemoOrder({ shopifyOrderId: session.order.shopifyOrderId });
      updateDemo(qc, { step: 'refund' });
      if (!refunded.runId)
        throw new Error(
          `refund ${refunded.refundId}’s run did not start; see the refund flow’s runs`,
        );
      follow(session.refundFlowId, refunded.runId);
    } catch (err) {
      setError(`The refund failed: ${errorMessage(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const ended = runStatus !== null && runStatus !== 'waiting';
  const payUrl = session.order.payUrl;
  return (
    <div className="demo-guide" data-testid="demo-guide">
      <strong data-testid="demo-status">{statusLine(session, runStatus, waiting)}</strong>
      {payUrl && session.step === 'new-shopper' && !ended && (
        <a href={payUrl} target="_blank" rel="noreferrer" data-testid="demo-pay-link">
          Open the pay page
        </a>
      )}
      {ended && (
        <div className="demo-actions" role="group" aria-label="Next demo steps">
          <button type="button" disabled={busy !== null} onClick={() => void newShopper()}>
            {busy === 'new-shopper' ? 'Placing the order…' : 'Place an order for a new shopper'}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void refund()}>
            {busy === 'refund' ? 'Refunding…' : `Refund it (${session.order.orderName})`}
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <DemoResultsPanel
        shopifyOrderId={session.order.shopifyOrderId}
        orderName={session.order.orderName}
        refreshKey={`${session.step}:${runStatus ?? 'running'}:${waiting ? 'waiting' : ''}`}
      />
    </div>
  );
}
