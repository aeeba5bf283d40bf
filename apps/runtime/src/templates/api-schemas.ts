/**
 * Shapes of the templates API (`/api/templates`, `/api/demo`); the editor's typed client sees
 * exactly these.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';
import { ParameterType, SlotType, TemplateId } from './manifest';

const ParameterValue = z.union([z.string(), z.number().int(), z.boolean(), z.array(z.string())]);

export const TemplateConnectionNeed = z
  .object({
    slot: z.string(),
    type: SlotType,
    label: z.string(),
    help: z.string(),
    /** Connection types the slot accepts (list these in a picker). */
    connectionTypes: z.array(z.string()),
    /** True when the slot may be left empty: the built-in ledger (ERP slots). */
    builtInAllowed: z.boolean(),
  })
  .openapi('TemplateConnectionNeed');

export const TemplateParameterInfo = z
  .object({
    name: z.string(),
    type: ParameterType,
    label: z.string(),
    default: ParameterValue,
    help: z.string(),
    required: z.boolean(),
    /** The only values allowed, when the parameter is a choice. */
    options: z.array(z.string()).nullable(),
  })
  .openapi('TemplateParameter');

/** Enough of the graph to draw a picture of it on a card. */
export const TemplateOutline = z
  .object({
    nodes: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        label: z.string(),
        position: z.object({ x: z.number(), y: z.number() }),
      }),
    ),
    edges: z.array(z.object({ from: z.string(), fromPort: z.string(), to: z.string() })),
  })
  .openapi('TemplateOutline');

export const TemplateSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    connections: z.array(TemplateConnectionNeed),
    parameters: z.array(TemplateParameterInfo),
    outline: TemplateOutline,
  })
  .openapi('TemplateSummary');

export const TemplateDetail = TemplateSummary.extend({
  /** The flow graph as shipped (bindings not yet applied). */
  graph: z.unknown(),
  /** The manifest file as shipped, bindings included. */
  manifest: z.unknown(),
}).openapi('TemplateDetail');

export const TemplateIdParam = z.object({ id: TemplateId });

export const TemplateInstallInput = z
  .object({
    /**
     * Connection id per slot. An ERP slot left out, null or empty posts to the built-in ledger.
     */
    connections: z.record(z.string(), z.string().max(100).nullable()).default({}),
    /** Parameter values by name; left out: the parameter's default. */
    parameters: z.record(z.string(), ParameterValue).default({}),
    activate: z.boolean().default(false),
    /**
     * Install another copy even when this template is installed with the same connections:
     * created inactive, named "<title> (copy)".
     */
    copy: z.boolean().default(false),
  })
  .openapi('TemplateInstallInput');

/** A URL an outside system must call for the flow to start, and how to set it up. */
export const TriggerUrl = z
  .object({
    nodeId: z.string(),
    kind: z.enum(['shopify', 'rest']),
    url: z.string(),
    /** Shopify webhook topics to subscribe to this URL. */
    topics: z.array(z.string()),
    /** What to do with the URL, in words. */
    hint: z.string(),
  })
  .openapi('TriggerUrl');

export const InstalledFlow = z
  .object({
    id: z.string(),
    name: z.string(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('InstalledFlow');

export const TemplateInstallResult = z
  .object({
    templateId: z.string(),
    /** True when this template was already installed with these connections: nothing created. */
    reused: z.boolean(),
    flows: z.array(InstalledFlow),
    triggerUrls: z.array(TriggerUrl),
    warnings: z.array(z.string()),
  })
  .openapi('TemplateInstallResult');

export const DemoResult = z
  .object({
    shopifyOrderId: z.string(),
    orderName: z.string(),
    /** The run the order's webhook started, once it exists (null when it did not in time). */
    runId: z.string().nullable(),
    flows: z.array(InstalledFlow.extend({ templateId: z.string(), reused: z.boolean() })),
  })
  .openapi('DemoResult');

export const DemoNewShopperResult = DemoResult.extend({
  /**
   * The order's hosted pay page (its `paytrace.pay_link` metafield), once the run wrote it; null
   * when it did not within the wait.
   */
  payUrl: z.string().nullable(),
}).openapi('DemoNewShopperResult');

export const DemoRefundInput = z
  .object({
    shopifyOrderId: z.string().regex(/^\d{1,20}$/, 'a Shopify order id (digits)'),
    /** Integer minor units to refund; left out: everything still refundable. */
    amount: z.number().int().positive().optional(),
  })
  .openapi('DemoRefundInput');

export const DemoRefundResult = z
  .object({
    refundId: z.string(),
    /** The refund template's run started by the refunds/create webhook, once it exists. */
    runId: z.string().nullable(),
  })
  .openapi('DemoRefundResult');

export const DemoResultsQuery = z.object({
  shopifyOrderId: z.string().regex(/^\d{1,20}$/, 'a Shopify order id (digits)'),
});

const Money = z.object({ amount: z.number().int(), currency: z.string() });

export const DemoResults = z
  .object({
    shopify: z.object({
      orderId: z.string(),
      name: z.string(),
      financialStatus: z.string(),
      tags: z.array(z.string()),
      note: z.string().nullable(),
      /** The order's metafields in the `paytrace` namespace, by key. */
      metafields: z.record(z.string(), z.string()),
    }),
    /** PayTrace simulator transactions of the order: its sales (every try) and their refunds. */
    paytrace: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        /** Minor units requested (the refunded amount for a refund). */
        amount: z.number().int(),
        status: z.enum(['approved', 'declined', 'voided', 'refund']),
        message: z.string(),
        cardLastFour: z.string(),
        refundOf: z.string().nullable(),
      }),
    ),
    ledger: z.object({
      invoice: Money.extend({ ref: z.string(), openBalance: z.number().int() }).nullable(),
      customer: z.object({ ref: z.string(), paytraceCustomerId: z.string().nullable() }).nullable(),
      payments: z.array(Money.extend({ ref: z.string() })),
      creditMemos: z.array(Money.extend({ ref: z.string(), refunded: z.number().int() })),
      /** Debits equal credits in every currency of the ledger. */
      trialBalanceBalanced: z.boolean(),
    }),
  })
  .openapi('DemoResults');
