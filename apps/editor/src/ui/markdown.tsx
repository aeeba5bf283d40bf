import type { ReactNode } from 'react';

/** Inline markdown: `code`, **bold**, plain text. Built as elements, so nothing is injected. */
function inline(text: string, keyBase: string): ReactNode[] {
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).filter((p) => p !== '');
  return parts.map((part, i) => {
    const key = `${keyBase}-${i}`;
    if (part.startsWith('`') && part.endsWith('`'))
      return <code key={key}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**') && part.endsWith('**'))
      return <strong key={key}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

function cells(row: string): string[] {
  return row
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((c) => c.trim());
}

/**
 * The subset of Markdown node docs use (paragraphs, lists, fenced code, tables, inline code and
 * bold), rendered as React elements: docs are data from the runtime, never HTML to inject.
 */
export function Markdown({ source }: { source: string }) {
  const out: ReactNode[] = [];
  const lines = source.split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const key = `b${i}`;
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).startsWith('```'))
        body.push(lines[i++] as string);
      i++;
      out.push(<pre key={key}>{body.join('\n')}</pre>);
    } else if (/^\s*[-*] /.test(line)) {
      const items: string[] = [];
      while (
        i < lines.length &&
        (/^\s*[-*] /.test(lines[i] as string) || /^\s{2,}\S/.test(lines[i] as string))
      ) {
        const l = lines[i++] as string;
        if (/^\s*[-*] /.test(l)) items.push(l.replace(/^\s*[-*] /, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      out.push(
        <ul key={key}>
          {items.map((it, n) => (
            <li key={n}>{inline(it, `${key}-${n}`)}</li>
          ))}
        </ul>,
      );
    } else if (line.trim().startsWith('|')) {
      const rows: string[] = [];
      while (i < lines.length && (lines[i] as string).trim().startsWith('|'))
        rows.push(lines[i++] as string);
      const [head, , ...body] = rows;
      out.push(
        <table key={key}>
          <thead>
            <tr>
              {cells(head ?? '').map((c, n) => (
                <th key={n}>{inline(c, `${key}-h${n}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((r, rn) => (
              <tr key={rn}>
                {cells(r).map((c, n) => (
                  <td key={n}>{inline(c, `${key}-${rn}-${n}`)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>,
      );
    } else if (line.trim() === '') {
      i++;
    } else {
      const para: string[] = [];
      while (
        i < lines.length &&
        (lines[i] as string).trim() !== '' &&
        !/^(\s*[-*] |```|\s*\|)/.test(lines[i] as string)
      ) {
        para.push((lines[i++] as string).trim());
      }
      out.push(<p key={key}>{inline(para.join(' '), key)}</p>);
    }
  }
  return <div className="markdown">{out}</div>;
}
