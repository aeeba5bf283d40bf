import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate, loadTemplates, TEMPLATES_DIR, TemplateError } from './template-catalog';
import { withOptions } from './template-options';

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

describe('template options', () => {
  const orderToCash = () => loadTemplates().find((t) => t.manifest.id === 'order-to-cash')!;

  it('order-to-cash installs its vault sale with fraud screening off and the fraud-screening chain with it on', () => {
    const template = orderToCash();
    const ids = (on: boolean) => {
      const parameters = {
        ...Object.fromEntries(template.manifest.parameters.map((p) => [p.name, p.default])),
        fraudScreening: on,
      };
      return withOptions(
        template.manifest,
        template.graph,
        template.options,
        parameters,
      ).graph.nodes.map((n) => n.id);
    };
    expect(ids(false)).toContain('sale');
    expect(ids(false)).not.toContain('authorize');
    expect(ids(true)).not.toContain('sale');
    expect(ids(true)).toEqual(
      expect.arrayContaining(['authorize', 'score', 'capture', 'review', 'void', 'cancel']),
    );
    // The fraud settings are the fraud-screening template's own, shown in the install dialog.
    const names = template.manifest.parameters.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'fraudScreening',
        'reviewAt',
        'highAt',
        'reviewTimeoutHours',
        'onReviewTimeout',
      ]),
    );
    expect(template.manifest.parameters.find((p) => p.name === 'fraudScreening')?.default).toBe(
      false,
    );
  });

  it('declares the included nodes once: they come from the fraud-screening template file', () => {
    const graph = shipped().graph;
    expect(graph.nodes.map((n: any) => n.id)).not.toContain('authorize');
    const screening = loadTemplates().find((t) => t.manifest.id === 'fraud-screening')!;
    const authorize = orderToCash().options[0]!.nodes.find((n) => n.id === 'authorize')!;
    expect(authorize.config).toEqual(
      screening.graph.nodes.find((n) => n.id === 'authorize')!.config,
    );
  });

  it('refuses an option that includes a node its template does not have', () => {
    const broken = shipped();
    broken.options[0].nodes.push('no-such-node');
    expect(() => checkTemplate(broken, 'templates/x/template.json')).toThrow(
      /options.0: template "fraud-screening" has no node "no-such-node"/,
    );
  });
});
