import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Me } from '../api/auth-api';
import { ToastProvider } from '../ui/toasts';

/** A signed-in identity for component tests. */
export function me(role: string, id = 'u-admin'): Me {
  return { type: 'user', id, label: `${role}@example.com`, role, csrfToken: 'csrf' };
}

/** Renders a settings component with a fresh query cache (no retries) and toasts. */
export function renderSettings(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ToastProvider>{ui}</ToastProvider>
    </QueryClientProvider>,
  );
}
