import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import { client, unwrap } from '../api/client';

/** Asks the runtime for Intuit's consent URL of a saved `quickbooks` connection (admin). */
export function authorizeQuickbooks(id: string) {
  return unwrap(
    client.api.quickbooks.connections[':id'].authorize.$post({ param: { id }, json: {} }),
  );
}

/**
 * "Connect QuickBooks" on a QuickBooks Online connection: gets the consent URL and opens it in a
 * new tab, where the admin signs in to Intuit and picks the company. The tab is opened before
 * the request so the browser counts it as the click's own window (a window opened after an
 * await is usually blocked); if it is blocked anyway, the link is shown to click.
 */
export function QuickbooksConnectButton({ connectionId }: { connectionId: string }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'opened'; url: string }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const connect = async () => {
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    setState({ kind: 'busy' });
    try {
      const { url } = await authorizeQuickbooks(connectionId);
      if (tab) tab.location.href = url;
      setState({ kind: 'opened', url });
    } catch (err) {
      tab?.close();
      setState({ kind: 'error', message: errorMessage(err) });
    }
  };
  return (
    <>
      <button
        type="button"
        className="small primary"
        disabled={state.kind === 'busy'}
        onClick={() => void connect()}
      >
        {state.kind === 'busy' ? 'Connecting…' : 'Connect QuickBooks'}
      </button>
      {state.kind === 'opened' && (
        <span className="field-note" role="status" data-testid="quickbooks-consent">
          Intuit’s consent page opened in a new tab.{' '}
          <a href={state.url} target="_blank" rel="noopener noreferrer">
            Open it again
          </a>
        </span>
      )}
      {state.kind === 'error' && (
        <span className="error-text" role="alert">
          Could not start connecting QuickBooks: {state.message}
        </span>
      )}
    </>
  );
}
