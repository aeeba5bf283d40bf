import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { DemoResult, TemplateInstallResult } from './templates-api';

const installKey = (flowId: string) => ['template-install', flowId] as const;

/**
 * Keeps what an install answered (trigger URLs, warnings) for the flows it created, so the flow
 * editor it opens can show them; held in the query cache for this browser session only.
 */
export function rememberInstall(qc: QueryClient, result: TemplateInstallResult): void {
  for (const flow of result.flows) qc.setQueryData(installKey(flow.id), result);
}

/** What installing opened this flow with, if it was just installed in this session. */
export function useInstallResult(flowId: string | null): TemplateInstallResult | undefined {
  return (
    useQuery<TemplateInstallResult | null>({
      queryKey: installKey(flowId ?? ''),
      queryFn: () => null,
      enabled: false,
      staleTime: Infinity,
    }).data ?? undefined
  );
}

/** The guided demo under way in this browser session: its two flows and the order it follows. */
export interface DemoSession {
  orderFlowId: string;
  refundFlowId: string | null;
  /** The last order placed (the demo's first, then each new shopper's): what "Refund it" refunds. */
  order: { shopifyOrderId: string; orderName: string; payUrl: string | null };
  /** The last step taken, so the banner says what the followed run is about. */
  step: 'first-order' | 'new-shopper' | 'refund';
}

const SESSION_KEY = ['demo-session'] as const;
const REFUND_TEMPLATE = 'refund-to-credit-memo';
const ORDER_TEMPLATE = 'order-to-cash';

/**
 * Keeps the demo's answer for the order flow it opens: the banner there needs its order id, and
 * the refund flow's id to follow a refund on its own canvas.
 */
export function rememberDemo(qc: QueryClient, flowId: string, result: DemoResult): void {
  qc.setQueryData<DemoSession>(SESSION_KEY, {
    orderFlowId: flowId,
    refundFlowId: result.flows.find((f) => f.templateId === REFUND_TEMPLATE)?.id ?? null,
    order: { shopifyOrderId: result.shopifyOrderId, orderName: result.orderName, payUrl: null },
    step: 'first-order',
  });
}

/** Records the demo's next step (a new shopper's order, a refund) for the banner to follow. */
export function updateDemo(qc: QueryClient, change: Partial<DemoSession>): DemoSession | undefined {
  return qc.setQueryData<DemoSession>(SESSION_KEY, (old) => (old ? { ...old, ...change } : old));
}

/** The order flow among flows a demo step answered (the new shopper's order runs through it). */
export function orderFlowIdOf(flows: readonly { id: string; templateId: string }[]) {
  return flows.find((f) => f.templateId === ORDER_TEMPLATE)?.id;
}

/** The demo this flow belongs to (its order or refund flow), if one runs in this session. */
export function useDemoSession(flowId: string | null): DemoSession | undefined {
  const session = useQuery<DemoSession | null>({
    queryKey: SESSION_KEY,
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
  }).data;
  if (!session || flowId === null) return undefined;
  return session.orderFlowId === flowId || session.refundFlowId === flowId ? session : undefined;
}
