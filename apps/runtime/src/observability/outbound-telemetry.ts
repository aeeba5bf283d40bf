import type { OutboundObserver } from '@paybridge/nodes/executors';
import type { RuntimeMetrics } from './metrics';
import { activeTracing, context, endSpan, SpanKind } from './tracing';

/** `2xx`…`5xx` for an answer, the error code (e.g. `UND_ERR_CONNECT_TIMEOUT`) for a failure. */
function outcomeOf(result: { status: number } | { error: string }): string {
  return 'status' in result ? `${Math.floor(result.status / 100)}xx` : result.error;
}

/**
 * The runtime's observer of connectors' outbound calls: latency and outcome per service into the
 * histogram, and with tracing on a client span under the step that made the call. Error codes
 * come from a fixed set (undici and system codes), so the outcome label stays bounded.
 */
export function outboundTelemetry(metrics: RuntimeMetrics): OutboundObserver {
  return {
    start(call) {
      const started = performance.now();
      const tracing = activeTracing();
      const span =
        tracing?.tracer.startSpan(
          `${call.method} ${call.service}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'http.request.method': call.method,
              'server.address': call.host,
              'paybridge.service': call.service,
            },
          },
          context.active(),
        ) ?? null;
      return (result) => {
        metrics.outboundCall(call.service, outcomeOf(result), (performance.now() - started) / 1000);
        if (span) {
          if ('status' in result) span.setAttribute('http.response.status_code', result.status);
          endSpan(span, 'error' in result ? new Error(result.error) : undefined);
        }
      };
    },
  };
}
