import type { ExecutorLookup, NodeExecutor } from '@paybridge/engine';
import type { RuntimeMetrics } from './metrics';
import { trace } from '@opentelemetry/api';
import { activeTracing, context, endSpan, SpanKind } from './tracing';

/**
 * Wraps each node executor so every attempt is timed into the step histogram and, with tracing
 * on, runs inside a span that parents the outbound calls it makes. The engine stays unaware of
 * both. Wrappers are built once per executor, so the lookup keeps handing out stable objects
 * (the engine caches graph validation per lookup).
 */
export function instrumentExecutors(
  lookup: ExecutorLookup,
  metrics: RuntimeMetrics,
): ExecutorLookup {
  const wrapped = new WeakMap<NodeExecutor<unknown>, NodeExecutor<unknown>>();
  return (type, version) => {
    const executor = lookup(type, version);
    if (!executor) return executor;
    let instrumented = wrapped.get(executor);
    if (!instrumented) {
      const nodeType = executor.spec.type;
      instrumented = {
        spec: executor.spec,
        async execute(ctx) {
          const tracing = activeTracing();
          const started = performance.now();
          if (tracing === null) {
            try {
              const result = await executor.execute(ctx);
              metrics.step(nodeType, (performance.now() - started) / 1000, true);
              return result;
            } catch (err) {
              metrics.step(nodeType, (performance.now() - started) / 1000, false);
              throw err;
            }
          }
          const span = tracing.tracer.startSpan(`step ${ctx.nodeId}`, {
            kind: SpanKind.INTERNAL,
            attributes: {
              'paybridge.node.id': ctx.nodeId,
              'paybridge.node.type': nodeType,
              'paybridge.step.attempt': ctx.attempt,
            },
          });
          try {
            const result = await context.with(trace.setSpan(context.active(), span), () =>
              executor.execute(ctx),
            );
            metrics.step(nodeType, (performance.now() - started) / 1000, true);
            endSpan(span);
            return result;
          } catch (err) {
            metrics.step(nodeType, (performance.now() - started) / 1000, false);
            endSpan(span, err);
            throw err;
          }
        },
      };
      wrapped.set(executor, instrumented);
    }
    return instrumented;
  };
}
