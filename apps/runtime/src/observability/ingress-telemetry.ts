import type { MiddlewareHandler } from 'hono';
import { trace } from '@opentelemetry/api';
import type { RuntimeMetrics } from './metrics';
import { activeTracing, context, contextFromTraceParent, endSpan, SpanKind } from './tracing';

/**
 * Bounded trigger kind of an ingress request: `shopify`, `rest` (other `/hooks/…`) or `pay` (a
 * hosted pay page's submission); null for what is no trigger (the pay page itself).
 */
function triggerOf(method: string, path: string): string | null {
  if (path.startsWith('/hooks/shopify/')) return 'shopify';
  if (path.startsWith('/pay/')) return method === 'POST' ? 'pay' : null;
  return 'rest';
}

/**
 * Counts trigger requests by kind and status and, with tracing on, opens the span the event's
 * runs join (continuing the caller's trace when it sent a `traceparent`). Mounted on `/hooks/*`
 * and `/pay/*` only.
 */
export function ingressTelemetry(metrics: RuntimeMetrics): MiddlewareHandler {
  return async (c, next) => {
    const trigger = triggerOf(c.req.method, c.req.path);
    if (trigger === null) return next();
    const tracing = activeTracing();
    if (tracing === null) {
      try {
        await next();
      } finally {
        metrics.ingressRequest(trigger, c.res.status);
      }
      return;
    }
    const span = tracing.tracer.startSpan(
      `ingress ${trigger}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': c.req.method, 'paybridge.trigger': trigger },
      },
      contextFromTraceParent(c.req.header('traceparent')),
    );
    try {
      await context.with(trace.setSpan(context.active(), span), next);
    } finally {
      metrics.ingressRequest(trigger, c.res.status);
      span.setAttribute('http.response.status_code', c.res.status);
      endSpan(span, c.res.status >= 500 ? new Error(`HTTP ${c.res.status}`) : undefined);
    }
  };
}
