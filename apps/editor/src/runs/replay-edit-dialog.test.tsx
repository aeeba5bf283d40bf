import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../api/api-failure';
import { ReplayEditDialog } from './replay-edit-dialog';

function typeInto(testId: string, text: string) {
  const content = screen.getByTestId(testId);
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error('no editor');
  act(() => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });
}

describe('ReplayEditDialog', () => {
  it('starts from the trigger payload and replays the edited event', async () => {
    const onReplay = vi.fn(async () => {});
    render(
      <ReplayEditDialog
        trigger={{ body: { name: '#1002', total: 1000 } }}
        onReplay={onReplay}
        onClose={() => {}}
      />,
    );
    expect(screen.getByTestId('replay-json').textContent).toContain('#1002');
    typeInto('replay-json', '{"body": {"name": "#1002", "total": 1200}}');
    fireEvent.click(screen.getByRole('button', { name: 'Replay with this input' }));
    await waitFor(() =>
      expect(onReplay).toHaveBeenCalledWith({ body: { name: '#1002', total: 1200 } }),
    );
  });

  it('refuses JSON that does not parse before anything is sent', () => {
    const onReplay = vi.fn(async () => {});
    render(<ReplayEditDialog trigger={{ a: 1 }} onReplay={onReplay} onClose={() => {}} />);
    typeInto('replay-json', '{"a": 1,');
    expect(screen.getByTestId('replay-json-problem').textContent).toMatch(/Not valid JSON/);
    const button = screen.getByRole('button', { name: 'Replay with this input' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button);
    expect(onReplay).not.toHaveBeenCalled();
  });

  it("shows the runtime's refusal of card data with its code and the field", async () => {
    const onReplay = vi.fn(async () => {
      throw new ApiFailure(
        422,
        'CARD_DATA_REFUSED',
        'Card numbers are never accepted in a replayed event',
        { issues: [{ path: ['body', 'card', 'number'], message: 'looks like a card number' }] },
      );
    });
    render(<ReplayEditDialog trigger={{ a: 1 }} onReplay={onReplay} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Replay with this input' }));
    const refusal = await screen.findByTestId('replay-refusal');
    expect(refusal.textContent).toContain('CARD_DATA_REFUSED');
    expect(refusal.textContent).toContain('Card numbers are never accepted');
    expect(refusal.textContent).toContain('body.card.number: looks like a card number');
  });
});
