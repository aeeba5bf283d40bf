import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { DemoResult, TemplateInstallResult } from './templates-api';

const installKey = (flowId: string) => ['template-install', flowId] as const;
const demoKey = (flowId: string) => ['template-demo', flowId] as const;

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

/** Keeps the demo's answer for the order flow it opens (the results links need its order id). */
export function rememberDemo(qc: QueryClient, flowId: string, result: DemoResult): void {
  qc.setQueryData(demoKey(flowId), result);
}

/** The demo this flow was opened for, if any. */
export function useDemoResult(flowId: string | null): DemoResult | undefined {
  return (
    useQuery<DemoResult | null>({
      queryKey: demoKey(flowId ?? ''),
      queryFn: () => null,
      enabled: false,
      staleTime: Infinity,
    }).data ?? undefined
  );
}
