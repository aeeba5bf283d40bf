import type { FlowGraph } from '@paybridge/engine';

type Node = FlowGraph['nodes'][number];
type EdgeSpec = [from: string, port: string, to: string];

function graph(nodes: [id: string, type: string, name: string][], edges: EdgeSpec[]): FlowGraph {
  return {
    nodes: nodes.map(([id, type, name]): Node => ({
      id,
      type,
      typeVersion: 1,
      name,
      config: {},
      // As flows made through the API arrive: no positions.
      position: { x: 0, y: 0 },
    })),
    edges: edges.map(([from, port, to]) => ({
      from: { node: from, port },
      to: { node: to, port: 'in' },
    })),
  };
}

/** The 10-node payment flow an integrator builds first: order → charge → books, with declines. */
export function paymentFlow10(): FlowGraph {
  return graph(
    [
      ['order', 'trigger.shopify', 'Shopify order'],
      ['customer', 'shopify.get-customer', 'Get customer'],
      ['charge', 'paytrace.sale', 'Charge card'],
      ['paid', 'shopify.mark-paid', 'Mark paid'],
      ['meta', 'shopify.set-metafields', 'Set metafields'],
      ['erpCustomer', 'erp.customer-upsert', 'ERP customer'],
      ['invoice', 'erp.invoice-from-order', 'ERP invoice'],
      ['payment', 'erp.payment-post', 'ERP payment'],
      ['declined', 'shopify.add-note-tags', 'Tag declined'],
      ['failed', 'notify.email', 'Email the team'],
    ],
    [
      ['order', 'out', 'customer'],
      ['customer', 'out', 'charge'],
      ['charge', 'approved', 'paid'],
      ['charge', 'declined', 'declined'],
      ['charge', 'error', 'failed'],
      ['paid', 'out', 'meta'],
      ['meta', 'out', 'erpCustomer'],
      ['erpCustomer', 'out', 'invoice'],
      ['invoice', 'out', 'payment'],
    ],
  );
}

/**
 * A 40-node flow: a chain of payments, each declined payment tagged, noted and reported, each
 * failed one mailed and posted to a webhook, as large real flows branch off their main line.
 */
export function generatedFlow40(): FlowGraph {
  const nodes: [string, string, string][] = [['start', 'trigger.rest', 'Order received']];
  const edges: EdgeSpec[] = [];
  const add = (id: string, type: string, name: string, from: string, port = 'out') => {
    nodes.push([id, type, name]);
    edges.push([from, port, id]);
    return id;
  };
  let last = add('shape', 'map', 'Shape order', 'start');
  for (let n = 1; nodes.length < 40; n++) {
    const pay = add(`pay${n}`, 'paytrace.sale', `Charge ${n}`, last);
    const tag = add(`tag${n}`, 'shopify.add-note-tags', `Tag decline ${n}`, pay, 'declined');
    const note = add(`note${n}`, 'map', `Decline note ${n}`, tag);
    add(`report${n}`, 'notify.webhook', `Report decline ${n}`, note);
    const mail = add(`mail${n}`, 'notify.email', `Alert ${n}`, pay, 'error');
    add(`hook${n}`, 'notify.webhook', `Page on-call ${n}`, mail);
    last = add(`ok${n}`, 'shopify.mark-paid', `Mark paid ${n}`, pay, 'approved');
  }
  const kept = new Set(nodes.slice(0, 40).map(([id]) => id));
  return graph(
    nodes.filter(([id]) => kept.has(id)),
    edges.filter(([from, , to]) => kept.has(from) && kept.has(to)),
  );
}
