import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { getSettings } from './settings-api';

/**
 * The base URL outside systems reach the runtime at (its `PAYBRIDGE_PUBLIC_URL`, else the URL it
 * printed at start). Behind a proxy or tunnel that differs from the page's origin, which is used
 * only until the runtime has answered, or when it cannot say.
 */
export function usePublicUrl(): string {
  return useSettings().data?.publicUrl ?? window.location.origin;
}

/**
 * The base URL of trigger endpoints: the separate hooks origin (`PAYBRIDGE_HOOKS_URL`) when the
 * runtime has one, so that what a flow answers never shares an origin with the editor; else the
 * public URL.
 */
export function useHooksUrl(): string {
  const data = useSettings().data;
  return data?.hooksUrl ?? data?.publicUrl ?? window.location.origin;
}

function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: getSettings, staleTime: Infinity });
}
