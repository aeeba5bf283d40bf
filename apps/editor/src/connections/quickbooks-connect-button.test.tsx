import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuickbooksConnectButton } from './quickbooks-connect-button';

const CONSENT = 'https://appcenter.intuit.com/connect/oauth2?client_id=abc&state=s';

function fakeTab() {
  return { opener: {} as unknown, location: { href: '' }, close: vi.fn() };
}

afterEach(() => vi.restoreAllMocks());

describe('QuickbooksConnectButton', () => {
  it('asks for the consent URL and sends the tab opened on click there', async () => {
    const tab = fakeTab();
    vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(Response.json({ url: CONSENT, redirectUri: 'x' }));
    render(<QuickbooksConnectButton connectionId="c-1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect QuickBooks' }));
    await screen.findByTestId('quickbooks-consent');
    expect(String(fetch.mock.calls[0]?.[0])).toMatch(
      /\/api\/quickbooks\/connections\/c-1\/authorize$/,
    );
    expect(tab.location.href).toBe(CONSENT);
    expect(tab.opener).toBeNull();
    expect(screen.getByRole('link', { name: 'Open it again' }).getAttribute('href')).toBe(CONSENT);
  });

  it("shows the runtime's refusal and closes the blank tab", async () => {
    const tab = fakeTab();
    vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      Response.json(
        {
          error: {
            code: 'SIMULATOR_UNAVAILABLE',
            message: 'Set the simulator URL of this connection',
          },
        },
        { status: 422 },
      ),
    );
    render(<QuickbooksConnectButton connectionId="c-1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect QuickBooks' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Set the simulator URL of this connection');
    expect(tab.close).toHaveBeenCalled();
  });
});
