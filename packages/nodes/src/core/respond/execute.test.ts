import { describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../test-context';
import { respondNode } from './definition';
import { respondExecutor } from './execute';

describe('respond', () => {
  it('answers 200 with the input as body when nothing is configured', async () => {
    const input = { received: true };
    const ctx = createTestContext(respondNode, {}, { input });
    const { port, output } = expectOutput(respondNode, await respondExecutor.execute(ctx));
    expect(port).toBe('out');
    expect(output).toEqual({ status: 200, headers: {}, body: input });
  });

  it('answers with the configured status, headers and body', async () => {
    const config = { status: 201, headers: { location: '/orders/1' }, body: { id: 1 } };
    const ctx = createTestContext(respondNode, config, { input: { ignored: true } });
    const { output } = expectOutput(respondNode, await respondExecutor.execute(ctx));
    expect(output).toEqual(config);
  });

  it('keeps an explicit null or empty body instead of echoing the input', async () => {
    for (const body of [null, '']) {
      const ctx = createTestContext(respondNode, { status: 204, body }, { input: { x: 1 } });
      const { output } = expectOutput(respondNode, await respondExecutor.execute(ctx));
      expect(output).toMatchObject({ status: 204, body });
    }
  });

  it.each([
    [{ status: 99 }, 'a status below 100'],
    [{ status: 600 }, 'a status above 599'],
    [{ headers: { 'bad header': 'x' } }, 'an invalid header name'],
    [{ headers: { 'x-a': 'a\r\nset-cookie: x' } }, 'a header value with a line break'],
    [{ headers: { 'Content-Length': '5' } }, 'a framing header'],
  ])('rejects %j (%s) on save', (config, _label) => {
    expect(respondNode.config.safeParse(config).success).toBe(false);
  });

  it('counts as an external effect', () => {
    expect(respondNode.effects).toBe(true);
  });
});
