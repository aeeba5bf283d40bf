import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Page } from './ledger-api';
import { LoadMore, useLedgerList } from './ledger-list';

/** 1,200 rows served 500 at a time, the cursor being the index of the next row. */
const ROWS = Array.from({ length: 1200 }, (_, i) => `inv-${i}`);
const cursors: (string | undefined)[] = [];
async function fetchPage(cursor: string | undefined): Promise<Page<string>> {
  cursors.push(cursor);
  const start = cursor === undefined ? 0 : Number(cursor);
  const rows = ROWS.slice(start, start + 500);
  return { rows, nextCursor: start + 500 < ROWS.length ? String(start + 500) : null };
}

function List() {
  const list = useLedgerList(['test-list'], fetchPage);
  if (!list.data) return <p>Loading</p>;
  return (
    <>
      <p data-testid="count">{list.data.length}</p>
      <p data-testid="last">{list.data[list.data.length - 1]}</p>
      <LoadMore list={list} what="invoices" shown={list.data.length} />
    </>
  );
}

describe('ledger lists in the editor', () => {
  it('loads further pages with the cursor until the last one, then offers no more', async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <List />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('500'));
    fireEvent.click(screen.getByRole('button', { name: 'Load more invoices' }));
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1000'));
    fireEvent.click(screen.getByRole('button', { name: 'Load more invoices' }));
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1200'));
    expect(screen.getByTestId('last').textContent).toBe('inv-1199');
    expect(screen.queryByRole('button', { name: /Load more/ })).toBeNull();
    expect(cursors).toEqual([undefined, '500', '1000']);
  });
});
