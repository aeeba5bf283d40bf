import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { parseObjectExpression, writeObjectExpression, newFieldKey } from './object-expression';
import { writePath } from './path-writer';
import { previewExpression, type PreviewResult } from './preview';
import { PreviewPane } from './preview-pane';
import { SourceTree, type PickedSource } from './source-tree';
import { TargetFields } from './target-fields';

/** A DataTransfer stand-in: happy-dom's drag events carry whatever object they are given. */
function transfer() {
  const data = new Map<string, string>();
  return {
    get types() {
      return [...data.keys()];
    },
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    dropEffect: 'none',
    effectAllowed: 'all',
  };
}

const sample = {
  body: {
    id: '1001',
    'customer info': { 'e-mail': 'ada@example.com' },
    line_items: [{ sku: 'A' }, { sku: 'B' }],
  },
};

/** Source tree and target fields wired the way the mapping dialog wires them. */
function Harness({ schema }: { schema?: { properties: Record<string, { type: string }> } }) {
  const [text, setText] = useState('{}');
  const fields = parseObjectExpression(text) ?? [];
  const drop = (key: string | null, source: PickedSource) => {
    const name =
      key ??
      newFieldKey(
        source.label,
        fields.map((f) => f.key),
      );
    const type = (schema?.properties[name]?.type ?? 'any') as 'any';
    const expression = writePath(source.origin, source.segments, type).expression;
    setText(
      writeObjectExpression([...fields.filter((f) => f.key !== name), { key: name, expression }]),
    );
  };
  return (
    <>
      <SourceTree
        sources={[
          { origin: { kind: 'input' }, title: 'Input', value: sample, provenance: 'sample' },
        ]}
        onPick={(s) => drop(null, s)}
        textFor={(s) => writePath(s.origin, s.segments).expression}
      />
      <TargetFields
        fields={fields}
        schema={schema}
        previews={{}}
        activeKey={null}
        onSelect={() => {}}
        onDropSource={drop}
        onChange={() => {}}
        onRemove={() => {}}
        onAdd={() => {}}
      />
      <pre data-testid="text">{text}</pre>
    </>
  );
}

function drag(from: HTMLElement, to: HTMLElement) {
  const dataTransfer = transfer();
  fireEvent.dragStart(from, { dataTransfer });
  fireEvent.dragOver(to, { dataTransfer });
  fireEvent.drop(to, { dataTransfer });
  return dataTransfer;
}

describe('drag to map', () => {
  it('writes the JSONata path of the dropped field, odd keys quoted, arrays mapped', () => {
    render(
      <Harness schema={{ properties: { skus: { type: 'array' }, email: { type: 'string' } } }} />,
    );
    const email = screen.getByTestId('source-"body"."customer info"."e-mail"');
    const dt = drag(email, screen.getByTestId('target-email'));
    expect(dt.getData('text/plain')).toBe('body.`customer info`.`e-mail`');
    drag(
      screen.getByTestId('source-"body"."line_items".[*]."sku"'),
      screen.getByTestId('target-skus'),
    );
    drag(screen.getByTestId('source-"body"."id"'), screen.getByTestId('target-new'));
    expect(parseObjectExpression(screen.getByTestId('text').textContent ?? '')).toEqual([
      { key: 'email', expression: 'body.`customer info`.`e-mail`' },
      { key: 'skus', expression: '[body.line_items.sku]' },
      { key: 'id', expression: 'body.id' },
    ]);
  });

  it('maps by click as well as by drag (keyboard users)', () => {
    render(<Harness />);
    fireEvent.click(screen.getByTestId('source-"body"."id"'));
    expect(screen.getByTestId('text').textContent).toContain('"id": body.id');
  });

  it('previews the written mapping on the sample', async () => {
    const text = writeObjectExpression([
      {
        key: 'order',
        expression: writePath({ kind: 'input' }, [{ key: 'body' }, { key: 'id' }]).expression,
      },
      {
        key: 'skus',
        expression: writePath(
          { kind: 'input' },
          [{ key: 'body' }, { key: 'line_items' }, { each: true }, { key: 'sku' }],
          'array',
        ).expression,
      },
    ]);
    const result = await previewExpression(text, { input: sample, trigger: sample, nodes: {} });
    render(<PreviewPane result={result} hasData />);
    expect(JSON.parse(screen.getByTestId('mapping-preview').textContent ?? '')).toEqual({
      order: '1001',
      skus: ['A', 'B'],
    });
  });

  it('shows an evaluation error with its position', async () => {
    const result: PreviewResult = await previewExpression('{ "a": body.id, }', {
      input: sample,
      trigger: sample,
      nodes: {},
    });
    render(<PreviewPane result={result} hasData />);
    expect(screen.getByTestId('mapping-error').textContent).toMatch(/position \d+/);
  });
});
