import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate, loadTemplates, TEMPLATES_DIR, TemplateError } from './template-catalog';

const shipped = () =>
  JSON.parse(readFileSync(join(TEMPLATES_DIR, 'order-to-cash', 'template.json'), 'utf8')) as any;

describe('shipped templates', () => {
  it('every template in templates/ passes the manifest, graph and binding checks', () => {
    const ids = loadTemplates().map((t) => t.manifest.id);
    expect(ids).toEqual([
      'chargeback',
      'fraud-screening',
      'order-to-cash',
      'refund-to-credit-memo',
      'settlement-reconciliation',
    ]);
  });

  it('refuses a graph that a saved flow could not have, naming the file and the node', () => {
    const broken = shipped();
    broken.graph.nodes.find((n: any) => n.id === 'sale').type = 'paytrace.no-such-node';
    expect(() => checkTemplate(broken, 'templates/x/template.json')).toThrow(
      /templates\/x\/template.json: invalid graph: .*paytrace.no-such-node/,
    );
  });

  it('refuses bindings to missing nodes, slots or parameters, and unbound slots', () => {
    const broken = shipped();
    broken.bindings.push({ node: 'nope', path: ['connectionId'], connection: 'shopify' });
    broken.bindings = broken.bindings.filter((b: any) => b.connection !== 'paytrace');
    broken.bindings.push({ node: 'sale', path: ['amount'], parameter: 'noSuchParameter' });
    const check = () => checkTemplate(broken, 'templates/x/template.json');
    expect(check).toThrow(TemplateError);
    expect(check).toThrow(/no node "nope"/);
    expect(check).toThrow(/connection slot "paytrace" is bound to no node/);
    expect(check).toThrow(/no parameter "noSuchParameter"/);
  });

  it('refuses a manifest with an unknown connection type', () => {
    const broken = shipped();
    broken.connections[0].type = 'stripe';
    expect(() => checkTemplate(broken, 'templates/x/template.json')).toThrow(
      /invalid manifest: connections.0.type/,
    );
  });

  it('refuses an optional slot whose node would stay in the flow without its connection', () => {
    const broken = shipped();
    const binding = broken.bindings.find((b: any) => b.connection === 'smtp');
    delete binding.omitNodeWhenEmpty;
    expect(() => checkTemplate(broken, 'templates/x/template.json')).toThrow(
      /optional slot "smtp" needs "omitNodeWhenEmpty": true/,
    );
  });
});
