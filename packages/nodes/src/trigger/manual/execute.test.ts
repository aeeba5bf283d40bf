import { describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../test-context';
import { manualTriggerNode } from './definition';
import { manualTriggerExecutor } from './execute';

describe('trigger.manual', () => {
  it('needs no settings to be placed', () => {
    expect(manualTriggerNode.config.parse({})).toEqual({});
  });

  it("emits the operator's payload unchanged", async () => {
    const payload = { orderId: '1001', amount: 2599, currency: 'USD' };
    const ctx = createTestContext(manualTriggerNode, {}, { input: payload });
    const { output } = expectOutput(manualTriggerNode, await manualTriggerExecutor.execute(ctx));
    expect(output).toBe(payload);
  });
});
