import { describe, expect, it } from 'vitest';
import { nodeDefinitions } from './definitions';
import { createExecutorLookup } from './executors';
import { createTestContext } from './test-context';

const lookup = createExecutorLookup({ http: { allowPrivateCidrs: [] } });

describe('createExecutorLookup', () => {
  it('has an executor for every definition, built on that very definition', () => {
    for (const definition of nodeDefinitions) {
      const executor = lookup(definition.type, definition.version);
      expect(executor?.spec, definition.type).toBe(definition);
    }
  });

  it('finds nothing for unknown types or versions', () => {
    expect(lookup('http.request', 2)).toBeUndefined();
    expect(lookup('paytrace.charge', 1)).toBeUndefined();
  });

  it('refuses a malformed allow-list at startup', () => {
    expect(() => createExecutorLookup({ http: { allowPrivateCidrs: ['10.0.0.0/99'] } })).toThrow(
      /invalid CIDR/,
    );
  });

  it('keeps settings per lookup: one runtime allowing a network does not open it for another', async () => {
    const permissive = createExecutorLookup({ http: { allowPrivateCidrs: ['127.0.0.1/32'] } });
    const strict = lookup;
    const run = (l: typeof lookup) => {
      const executor = l('http.request', 1);
      if (!executor) throw new Error('missing executor');
      // Port 1 refuses connections: reaching it proves the address was allowed.
      const ctx = createTestContext(executor.spec, { url: 'http://127.0.0.1:1/' });
      return executor.execute(ctx);
    };
    await expect(run(permissive)).rejects.toMatchObject({ code: 'HTTP_NETWORK' });
    await expect(run(strict)).rejects.toMatchObject({ code: 'SSRF_BLOCKED' });
  });
});
