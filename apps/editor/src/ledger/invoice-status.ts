/**
 * An invoice's status from its amounts: the API gives total and open balance, and the page
 * names the three cases a bookkeeper looks for.
 */
export function invoiceStatus(total: number, openBalance: number): 'paid' | 'partly paid' | 'open' {
  if (openBalance === 0) return 'paid';
  return openBalance < total ? 'partly paid' : 'open';
}
