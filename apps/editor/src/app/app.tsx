import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/api-failure';
import { getMe } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';
import { ToastProvider } from '../ui/toasts';
import { Layout } from './layout';
import { SignIn } from './sign-in';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

/** Root: data cache, toasts, and the sign-in gate in front of every page. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <SessionGate />
      </ToastProvider>
    </QueryClientProvider>
  );
}

function SessionGate() {
  const qc = useQueryClient();
  const me = useQuery({ queryKey: queryKeys.me, queryFn: getMe, staleTime: Infinity });
  if (me.isPending) return <p className="centered">Loading…</p>;
  if (me.isError) {
    return (
      <p className="centered error-text" role="alert">
        Could not reach the runtime: {errorMessage(me.error)}{' '}
        <button type="button" onClick={() => void me.refetch()}>
          Retry
        </button>
      </p>
    );
  }
  if (me.data === null) {
    const setupToken = new URLSearchParams(window.location.search).get('token');
    return <SignIn setupToken={setupToken} onSignedIn={() => void qc.resetQueries()} />;
  }
  return <Layout me={me.data} />;
}
