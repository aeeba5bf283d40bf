import { CopyButton } from '../ui/copy-button';
import { DemoGuide } from './demo-guide';
import { useDemoSession, useInstallResult } from './install-result-store';

/**
 * Above the canvas of a flow just installed from a template: its trigger URLs (to paste into
 * Shopify or a caller) with copy buttons, and the install's warnings. On the demo's flows: the
 * guided demo's next steps and results.
 */
export function TemplateNotice({
  flowId,
  runStatus = null,
  followRun,
}: {
  flowId: string | null;
  /** How the run the page follows ended; null while it goes on. */
  runStatus?: string | null;
  /** Follows another run on this canvas (the demo's next order). */
  followRun?: (runId: string) => void;
}) {
  const installed = useInstallResult(flowId);
  const demo = useDemoSession(flowId);
  if (!installed && !demo) return null;
  return (
    <div className="banner template-banner" role="status" data-testid="template-notice">
      {installed && (
        <>
          <strong>
            {installed.reused
              ? 'This template was already installed: this is that flow.'
              : `Installed from the template${installed.flows.some((f) => f.active) ? ', live' : ', inactive'}.`}
          </strong>
          {installed.triggerUrls.length > 0 && (
            <ul aria-label="Trigger URLs">
              {installed.triggerUrls.map((t) => (
                <li key={`${t.nodeId}-${t.url}`}>
                  <code data-testid="installed-trigger-url">{t.url}</code>{' '}
                  <CopyButton value={t.url} label={`trigger URL of ${t.nodeId}`} />
                  {t.topics.length > 0 && (
                    <span className="hint"> topics: {t.topics.join(', ')}</span>
                  )}
                  <div className="hint">{t.hint}</div>
                </li>
              ))}
            </ul>
          )}
          {installed.warnings.map((w) => (
            <p key={w} className="warning-text">
              {w}
            </p>
          ))}
        </>
      )}
      {demo && flowId && (
        <DemoGuide flowId={flowId} session={demo} runStatus={runStatus} followRun={followRun} />
      )}
    </div>
  );
}
