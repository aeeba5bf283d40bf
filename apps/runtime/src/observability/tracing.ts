import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';

export { SpanKind, SpanStatusCode, context, type Span, type Context };

const TRACE_PARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The W3C `traceparent` of a span, stored with a run so its later executions join the trace. */
export function traceParentOf(span: Span): string {
  const sc = span.spanContext();
  return `00-${sc.traceId}-${sc.spanId}-${sc.traceFlags.toString(16).padStart(2, '0')}`;
}

/** The trace id inside a stored `traceparent`, or null when it is not one. */
export function traceIdOf(traceParent: string | null | undefined): string | null {
  return traceParent ? (TRACE_PARENT.exec(traceParent)?.[1] ?? null) : null;
}

/** `{ traceId }` for a run's API answer when it has a trace, else nothing. */
export function traceIdField(traceParent: string | null): { traceId?: string } {
  const traceId = traceIdOf(traceParent);
  return traceId ? { traceId } : {};
}

/** A context whose parent is the span a `traceparent` names (from a header or a run row). */
export function contextFromTraceParent(traceParent: string | null | undefined): Context {
  const m = traceParent ? TRACE_PARENT.exec(traceParent) : null;
  if (!m || /^0+$/.test(m[1]!) || /^0+$/.test(m[2]!)) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: m[1]!,
    spanId: m[2]!,
    traceFlags: parseInt(m[3]!, 16),
    isRemote: true,
  });
}

/**
 * Tracing of one process: a tracer whose spans go to the OTLP endpoint (or to the exporter a
 * test hands in), and the async context that makes a step's span the parent of the calls it
 * makes. Absent (null) when tracing is off: callers check for it first and create no span.
 */
export class Tracing {
  readonly tracer: Tracer;
  constructor(
    private readonly provider: TracerProvider,
    private readonly contextManager: AsyncLocalStorageContextManager,
  ) {
    this.tracer = provider.getTracer('paybridge-runtime');
  }

  /**
   * The trace an ingested event's runs join: the active span's (a traced ingress request), else
   * a new root span for the event, ended by `end` once it is written (schedules, manual runs).
   */
  ingestTrace(source: string): { traceParent: string; end: () => void } {
    const active = trace.getSpan(context.active());
    if (active) return { traceParent: traceParentOf(active), end: () => undefined };
    const span = this.tracer.startSpan(
      'paybridge.ingest',
      { kind: SpanKind.INTERNAL, attributes: { 'paybridge.event.source': source } },
      ROOT_CONTEXT,
    );
    return { traceParent: traceParentOf(span), end: () => span.end() };
  }

  /** Sends what is buffered and stops; the process's async context is released. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown().catch(() => undefined);
    this.contextManager.disable();
    context.disable();
  }
}

let active: Tracing | null = null;

/** The process's tracing, or null when off: the one check the hot path makes. */
export function activeTracing(): Tracing | null {
  return active;
}

/**
 * Turns tracing on when an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT, OTLP/HTTP) or an exporter
 * is given; otherwise returns null and nothing is set up, so runs create no span at all. One
 * tracer per process: a second runtime in the same process shares the first's.
 */
export function startTracing(opts: {
  endpoint?: string | undefined;
  exporter?: SpanExporter | undefined;
  serviceName?: string;
}): Tracing | null {
  if (!opts.endpoint && !opts.exporter) return null;
  if (active) return active;
  const processor = opts.exporter
    ? new SimpleSpanProcessor({ exporter: opts.exporter })
    : new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({
          url: `${opts.endpoint!.replace(/\/+$/, '')}/v1/traces`,
        }),
      });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName ?? 'paybridge' }),
    spanProcessors: [processor],
  });
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  const tracing = new Tracing(provider, manager);
  active = tracing;
  const shutdown = tracing.shutdown.bind(tracing);
  tracing.shutdown = async () => {
    if (active === tracing) active = null;
    await shutdown();
  };
  return tracing;
}

/** Ends a span with an error status when `err` is set. */
export function endSpan(span: Span, err?: unknown): void {
  if (err !== undefined) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: err instanceof Error ? err.message : String(err),
    });
  }
  span.end();
}
