import { fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { nodeCatalog, type NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CatalogProvider } from '../catalog/catalog-context';
import { indexCatalog } from '../catalog/catalog-index';
import { NodePalette } from './node-palette';
import { recentNodes } from './recent-nodes';

const catalog = indexCatalog(nodeCatalog());

function renderPalette() {
  const onAdd = vi.fn<(entry: NodeCatalogEntry) => void>();
  const onAddNote = vi.fn();
  const search = createRef<HTMLInputElement>();
  const view = render(
    <CatalogProvider catalog={catalog}>
      <NodePalette ref={search} onAdd={onAdd} onAddNote={onAddNote} />
    </CatalogProvider>,
  );
  return { onAdd, onAddNote, search, view };
}

beforeEach(() => localStorage.clear());

describe('node palette, keyboard first', () => {
  it('adds the first match on Enter in the search, and walks items with the arrows', () => {
    const { onAdd } = renderPalette();
    const search = screen.getByPlaceholderText(/Search nodes/);
    fireEvent.change(search, { target: { value: 'mark paid' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(onAdd.mock.calls[0]?.[0].type).toBe('shopify.mark-paid');
    fireEvent.change(search, { target: { value: 'sale' } });
    search.focus();
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-testid')).toMatch(/^palette-/);
  });

  it('offers the node types added last first, kept across visits', () => {
    const first = renderPalette();
    fireEvent.doubleClick(screen.getByTestId('palette-paytrace.sale'));
    fireEvent.doubleClick(screen.getByTestId('palette-erp.invoice-from-order'));
    expect(recentNodes()).toEqual(['erp.invoice-from-order', 'paytrace.sale']);
    first.view.unmount();
    renderPalette();
    const recent = screen.getByRole('region', { name: 'Recent' });
    expect(
      [...recent.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid')),
    ).toEqual(['recent-erp.invoice-from-order', 'recent-paytrace.sale']);
  });

  it('adds a sticky note by double-click or Enter', () => {
    const { onAddNote } = renderPalette();
    const note = screen.getByTestId('palette-sticky-note');
    fireEvent.doubleClick(note);
    fireEvent.keyDown(note, { key: 'Enter' });
    expect(onAddNote).toHaveBeenCalledTimes(2);
  });
});
