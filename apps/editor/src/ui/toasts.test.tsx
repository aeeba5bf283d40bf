import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, ToastProvider, useToasts } from './toasts';

type Api = ReturnType<typeof useToasts>;

/** Renders the provider and hands back its API, as any component below it would use it. */
function setup(): Api {
  let api: Api | null = null;
  function Grab() {
    api = useToasts();
    return null;
  }
  render(
    <ToastProvider>
      <Grab />
    </ToastProvider>,
  );
  return api as unknown as Api;
}

const shown = () => screen.queryAllByTestId(/^toast-/).map((t) => t.textContent);

afterEach(() => vi.useRealTimers());

describe('toasts', () => {
  it('collapse an identical message into one toast that counts it', () => {
    const toasts = setup();
    act(() => {
      toasts.error('Not saved: the runtime is unreachable');
      toasts.info('Saved version 3');
      toasts.error('Not saved: the runtime is unreachable');
      toasts.error('Not saved: the runtime is unreachable');
    });
    expect(shown()).toEqual(['Saved version 3×', 'Not saved: the runtime is unreachable×3×']);
    expect(screen.getByLabelText('3 times').textContent).toBe('×3');
    // The same text as another kind is another message.
    act(() => toasts.warning('Not saved: the runtime is unreachable'));
    expect(shown()).toHaveLength(3);
  });

  it(`keep at most ${MAX_TOASTS}, the oldest dismissed first`, () => {
    const toasts = setup();
    act(() => {
      for (let i = 1; i <= MAX_TOASTS + 3; i++) toasts.error(`Failure ${i}`);
    });
    const texts = shown();
    expect(texts).toHaveLength(MAX_TOASTS);
    expect(texts[0]).toBe(`Failure 4×`);
    expect(texts.at(-1)).toBe(`Failure ${MAX_TOASTS + 3}×`);
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[0]!);
    expect(shown()).toHaveLength(MAX_TOASTS - 1);
  });

  it('give a repeated info message its full time again', () => {
    vi.useFakeTimers();
    const toasts = setup();
    act(() => toasts.info('Test run succeeded'));
    act(() => vi.advanceTimersByTime(3000));
    act(() => toasts.info('Test run succeeded'));
    act(() => vi.advanceTimersByTime(3000));
    expect(shown()).toEqual(['Test run succeeded×2×']);
    act(() => vi.advanceTimersByTime(1500));
    expect(shown()).toEqual([]);
  });
});
