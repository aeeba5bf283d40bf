import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './markdown';

describe('Markdown', () => {
  it('renders the docs subset as elements, never as injected HTML', () => {
    const { container } = render(
      <Markdown
        source={
          'Intro with `code` and **bold**.\n\n- one\n- two\n  continued\n\n```jsonata\n$x\n```\n\n| A | B |\n| --- | --- |\n| `a` | b |\n\n<img src=x onerror=alert(1)>'
        }
      />,
    );
    expect(screen.getByText('code').tagName).toBe('CODE');
    expect(screen.getByText('bold').tagName).toBe('STRONG');
    expect(screen.getByText('two continued').tagName).toBe('LI');
    expect(container.querySelector('pre')?.textContent).toBe('$x');
    expect(container.querySelectorAll('td')).toHaveLength(2);
    expect(container.querySelector('img')).toBeNull();
  });
});
