import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { getSettings } from './settings-api';

/**
 * The base URL outside systems reach the runtime at (its `PAYBRIDGE_PUBLIC_URL`, else the URL it
 * printed at start). Behind a proxy or tunnel that differs from the page's origin, which is used
 * only until the runtime has answered, or when it cannot say.
 */
export function usePublicUrl(): string {
  const settings = useQuery({
    queryKey: queryKeys.settings,
    queryFn: getSettings,
    staleTime: Infinity,
  });
  return settings.data?.publicUrl ?? window.location.origin;
}
