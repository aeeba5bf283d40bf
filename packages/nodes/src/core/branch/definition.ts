import { z } from 'zod';
import { defineNode } from '../../define-node';
import { jsonataSource } from '../../schemas/jsonata';

const PORT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** `default` is the fall-through port; `error` is the engine's port for business failures. */
const RESERVED_PORTS = new Set(['default', 'error']);

const BranchRule = z.object({
  port: z
    .string()
    .regex(PORT_NAME, 'letters, digits and "_", not starting with a digit')
    .refine((port) => !RESERVED_PORTS.has(port), 'this port name is reserved')
    .meta({ title: 'Port', description: 'Name of the output handle for this rule.' }),
  when: jsonataSource().meta({
    title: 'When',
    description: 'JSONata condition; truthy as by $boolean().',
    placeholder: 'financial_status = "paid"',
    widget: 'jsonata',
  }),
});

/**
 * Routes the input to the first matching rule's port, else to `default`. Its output handles are
 * derived from the rules, so the canvas grows a handle per rule.
 */
export const branchNode = defineNode({
  type: 'branch',
  version: 1,
  kind: 'action',
  title: 'Branch',
  description: 'Route data to the first rule that matches.',
  category: 'core',
  icon: 'split',
  config: z.object({
    rules: z
      .array(BranchRule)
      .max(50)
      .default([])
      .superRefine((rules, issues) => {
        const seen = new Set<string>();
        rules.forEach((rule, index) => {
          if (seen.has(rule.port)) {
            issues.addIssue({
              code: 'custom',
              path: [index, 'port'],
              message: `port "${rule.port}" is used by an earlier rule`,
            });
          }
          seen.add(rule.port);
        });
      })
      .meta({
        title: 'Rules',
        description: 'Checked in order; the first truthy one wins.',
        widget: 'rules',
      }),
  }),
  rawExpressionFields: ['rules'],
  ports: (config) => ({ inputs: ['in'], outputs: [...config.rules.map((r) => r.port), 'default'] }),
  effects: false,
  docs: `Checks each rule's JSONata condition against the input, in order. The input goes out
unchanged on the port of the first rule that is truthy, or on \`default\` when none is.

Truthiness follows JSONata's \`$boolean\`: \`0\`, \`""\`, \`[]\`, \`{}\`, \`null\` and no match are false.

| Port | When |
| --- | --- |
| \`paid\` | \`financial_status = "paid"\` |
| \`refunded\` | \`$count(refunds) > 0\` |`,
});

/** Branch settings after parsing; rule order is evaluation order. */
export type BranchConfig = z.infer<typeof branchNode.config>;
