import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';
import { ConfigForm } from '../config-form';

const respond = nodeCatalog().find((e) => e.type === 'respond')!;

/** The form as the inspector holds it: the config it edits is the one it gets back. */
function Harness({ onConfig }: { onConfig: (config: Record<string, unknown>) => void }) {
  const [config, setConfig] = useState<Record<string, unknown>>({});
  return (
    <QueryClientProvider client={new QueryClient()}>
      <ConfigForm
        nodeId="n1"
        entry={respond}
        config={config}
        issues={[]}
        readOnly={false}
        onChange={(next) => {
          setConfig(next);
          onConfig(next);
        }}
      />
    </QueryClientProvider>
  );
}

function setup() {
  const seen: Record<string, unknown>[] = [];
  render(<Harness onConfig={(c) => seen.push(c)} />);
  const body = screen.getByLabelText(/^Body/) as HTMLTextAreaElement;
  return { seen, body };
}

describe('the "=" switch', () => {
  it('turns a field into an expression when its text starts with "=", keeping the text', () => {
    const { seen, body } = setup();
    fireEvent.change(body, { target: { value: '=$trigger.body.id' } });
    expect(seen.at(-1)).toEqual({ body: '=$trigger.body.id' });
    expect(screen.queryByText(/Not valid JSON/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Fixed value for body' })).toBeTruthy();
    expect(document.querySelector('.cm-content')?.textContent).toBe('$trigger.body.id');
    // Typing goes on in the expression editor.
    expect(document.activeElement?.closest('.cm-editor')).toBeTruthy();
  });

  it('keeps what was typed when fx is pressed, even text that is not valid JSON', () => {
    const { seen, body } = setup();
    fireEvent.change(body, { target: { value: '$trigger.body.id' } });
    expect(screen.getByText(/Not valid JSON/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Expression for body' }));
    expect(seen.at(-1)).toEqual({ body: '=$trigger.body.id' });
    expect(document.querySelector('.cm-content')?.textContent).toBe('$trigger.body.id');
  });
});
