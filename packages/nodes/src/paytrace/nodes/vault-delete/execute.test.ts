import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { paytraceVaultDeleteNode } from './definition';
import { createVaultDeleteExecutor } from './execute';

let h: SimulatorHarness;
let remove: ReturnType<typeof createVaultDeleteExecutor>;

beforeAll(async () => {
  h = await startSimulatorHarness();
  remove = createVaultDeleteExecutor(h.runtime);
});
afterAll(() => h.close());

const run = (customerId: string) =>
  remove.execute(h.context(paytraceVaultDeleteNode, { customerId }));

describe('paytrace.vault-delete', () => {
  it('deletes a profile, and reports a second delete as already gone', async () => {
    await h.createProfile('d-1');
    await expect(run('d-1')).resolves.toEqual({
      port: 'out',
      output: { customerId: 'd-1', deleted: true, alreadyGone: false },
    });
    expect(h.sim.handle.state.customers.has('d-1')).toBe(false);
    await expect(run('d-1')).resolves.toEqual({
      port: 'out',
      output: { customerId: 'd-1', deleted: false, alreadyGone: true },
    });
  });

  it('reads "already gone" whatever HTTP status PayTrace uses for errors', async () => {
    h.sim.handle.settings.errorStatus = 200;
    await expect(run('never-existed')).resolves.toMatchObject({ output: { alreadyGone: true } });
    h.sim.handle.settings.errorStatus = 400;
  });
});
