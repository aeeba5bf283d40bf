import { TemplateOutlinePicture } from './template-outline';
import type { TemplateSummary } from './templates-api';

/**
 * One template as a card: a picture of its graph, what it does, the connections and parameters
 * it needs, and the install button.
 */
export function TemplateCard({
  template,
  canInstall,
  onInstall,
}: {
  template: TemplateSummary;
  canInstall: boolean;
  onInstall: () => void;
}) {
  return (
    <article
      className="card template-card"
      aria-labelledby={`tpl-${template.id}`}
      data-testid={`template-${template.id}`}
    >
      <TemplateOutlinePicture outline={template.outline} title={template.title} />
      <h2 id={`tpl-${template.id}`}>{template.title}</h2>
      <p>{template.description}</p>
      <dl className="facts template-needs">
        <dt>Connections</dt>
        <dd>
          {template.connections.length === 0
            ? 'none'
            : template.connections.map((c) => (
                <span key={c.slot} className="need" title={c.help}>
                  {c.label}
                  {c.builtInAllowed ? ' (or the built-in ledger)' : ''}
                </span>
              ))}
        </dd>
        <dt>Parameters</dt>
        <dd>
          {template.parameters.length === 0
            ? 'none'
            : template.parameters.map((p) => (
                <span key={p.name} className="need" title={p.help}>
                  {p.label}
                </span>
              ))}
        </dd>
      </dl>
      {canInstall && (
        <button
          type="button"
          className="primary"
          aria-label={`Install ${template.title}`}
          onClick={onInstall}
        >
          Install…
        </button>
      )}
    </article>
  );
}
