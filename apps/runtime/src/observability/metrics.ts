import {
  AggregatorRegistry,
  collectDefaultMetrics,
  Counter,
  Histogram,
  Registry,
  type Metric,
  type MetricObjectWithValues,
  type MetricValue,
} from 'prom-client';

/** Metrics as another thread hands them over (prom-client's JSON form). */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** Run outcomes counted as finished; `waiting` (a retry or a suspension) is not an end. */
export const FINISHED_STATUSES = ['succeeded', 'declined', 'failed', 'cancelled'] as const;
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Children of a labelled metric by label values, built once: `labels()` hashes its arguments on
 * every call, and the hot path (each step, each outbound call) should pay a Map lookup at most.
 */
export class LabelCache<C> {
  private readonly children = new Map<string, C>();
  constructor(private readonly make: (...values: string[]) => C) {}

  get(...values: string[]): C {
    const key = values.join('\u0000');
    let child = this.children.get(key);
    if (child === undefined) {
      child = this.make(...values);
      this.children.set(key, child);
    }
    return child;
  }

  /** How many label sets exist, for tests of the cache. */
  get size(): number {
    return this.children.size;
  }
}

type CounterChild = ReturnType<Counter<string>['labels']>;
type HistogramChild = ReturnType<Histogram<string>['labels']>;

/**
 * This process's Prometheus metrics. Counters and histograms count what this process did (its
 * runs, steps, calls, requests); gauges read from Postgres at scrape time are the same whichever
 * process is scraped. Labels are bounded: flow id, node type, service, trigger kind, status,
 * never an order, run or event id.
 */
export class RuntimeMetrics {
  readonly registry = new Registry();

  readonly runsStarted = new Counter({
    name: 'paybridge_runs_started_total',
    help: 'Runs whose first execution started in this process, by flow',
    labelNames: ['flow'],
    registers: [this.registry],
  });
  readonly runsFinished = new Counter({
    name: 'paybridge_runs_finished_total',
    help: 'Runs that ended in this process, by flow and status (succeeded, declined, failed, cancelled)',
    labelNames: ['flow', 'status'],
    registers: [this.registry],
  });
  readonly stepDuration = new Histogram({
    name: 'paybridge_step_duration_seconds',
    help: 'Time one attempt of a node took, by node type and outcome (ok, error)',
    labelNames: ['node_type', 'outcome'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly stepRetries = new Counter({
    name: 'paybridge_step_retries_total',
    help: 'Step attempts that failed transiently and were scheduled again, by node type',
    labelNames: ['node_type'],
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'paybridge_dead_letters_total',
    help: 'Runs this process failed into the dead-letter queue, by flow',
    labelNames: ['flow'],
    registers: [this.registry],
  });
  readonly ingressRequests = new Counter({
    name: 'paybridge_ingress_requests_total',
    help: 'Trigger requests received, by trigger kind (rest, shopify, pay) and HTTP status',
    labelNames: ['trigger', 'status'],
    registers: [this.registry],
  });
  readonly outboundDuration = new Histogram({
    name: 'paybridge_outbound_request_duration_seconds',
    help: 'Calls to outside services (paytrace, shopify, quickbooks, webhook, http), by outcome (HTTP status class or error code)',
    labelNames: ['service', 'outcome'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly expressionTimeouts = new Counter({
    name: 'paybridge_expression_timeouts_total',
    help: 'JSONata evaluations stopped at their time budget (PAYBRIDGE_EXPRESSION_TIMEOUT_MS)',
    registers: [this.registry],
  });

  private readonly started = new LabelCache<CounterChild>((f) => this.runsStarted.labels(f!));
  private readonly finished = new LabelCache<CounterChild>((f, s) =>
    this.runsFinished.labels(f!, s!),
  );
  private readonly dead = new LabelCache<CounterChild>((f) => this.deadLetters.labels(f!));
  private readonly steps = new LabelCache<HistogramChild>((t, o) =>
    this.stepDuration.labels(t!, o!),
  );
  private readonly retries = new LabelCache<CounterChild>((t) => this.stepRetries.labels(t!));
  private readonly ingress = new LabelCache<CounterChild>((t, s) =>
    this.ingressRequests.labels(t!, s!),
  );
  private readonly outbound = new LabelCache<HistogramChild>((s, o) =>
    this.outboundDuration.labels(s!, o!),
  );
  private readonly knownFlows = new Set<string>();

  /**
   * Creates a flow's series at zero the first time the flow is seen, so `rate()` and `increase()`
   * see the first run of each status instead of a series appearing out of nothing.
   */
  private flow(flowId: string): void {
    if (this.knownFlows.has(flowId)) return;
    this.knownFlows.add(flowId);
    // `labels()` alone exports nothing: a series exists once it was incremented.
    this.started.get(flowId).inc(0);
    this.dead.get(flowId).inc(0);
    for (const status of FINISHED_STATUSES) this.finished.get(flowId, status).inc(0);
  }

  runStarted(flowId: string): void {
    this.flow(flowId);
    this.started.get(flowId).inc();
  }

  runFinished(flowId: string, status: FinishedStatus): void {
    this.flow(flowId);
    this.finished.get(flowId, status).inc();
    if (status === 'failed') this.dead.get(flowId).inc();
  }

  step(nodeType: string, seconds: number, ok: boolean): void {
    this.steps.get(nodeType, ok ? 'ok' : 'error').observe(seconds);
  }

  stepRetried(nodeType: string): void {
    this.retries.get(nodeType).inc();
  }

  ingressRequest(trigger: string, status: number): void {
    this.ingress.get(trigger, String(status)).inc();
  }

  outboundCall(service: string, outcome: string, seconds: number): void {
    this.outbound.get(service, outcome).observe(seconds);
  }

  /** Label sets created so far per cached metric, for the micro-check that they are reused. */
  labelSets(): Record<string, number> {
    return {
      started: this.started.size,
      finished: this.finished.size,
      steps: this.steps.size,
      outbound: this.outbound.size,
      ingress: this.ingress.size,
    };
  }

  private readonly threads = new Set<() => Promise<MetricsSnapshot>>();

  /**
   * Adds what another thread of this process counts (the worker thread of an `all` process) to
   * this process's `GET /metrics`: Prometheus scrapes one target per process, and runs, steps
   * and calls are counted where they happen. Returns the function that removes it again.
   */
  addThread(read: () => Promise<MetricsSnapshot>): () => void {
    this.threads.add(read);
    return () => void this.threads.delete(read);
  }

  /** The Prometheus text of this process: this thread's metrics plus the added threads' counts. */
  async exposition(): Promise<string> {
    if (this.threads.size === 0) return this.registry.metrics();
    const parts: MetricsSnapshot[] = [await this.registry.getMetricsAsJSON()];
    for (const read of this.threads) parts.push(await read().catch(() => []));
    return AggregatorRegistry.aggregate(parts).metrics();
  }

  /**
   * This thread's own counters and histograms (not the gauges, which the hosting thread reads
   * itself), for a thread whose process serves its metrics from another thread.
   */
  async threadCounts(): Promise<MetricsSnapshot> {
    const all = await this.registry.getMetricsAsJSON();
    return all.filter((m) => m.name.startsWith('paybridge_') && String(m.type) !== 'gauge');
  }

  /** Adds a metric read at scrape time (the database gauges). */
  register(metric: Metric): void {
    // A later runtime in the same process (tests) reads its own database.
    this.registry.removeSingleMetric((metric as unknown as { name: string }).name);
    this.registry.registerMetric(metric);
  }
}

let shared: RuntimeMetrics | null = null;

/**
 * The process's metrics: one set per process whatever its roles, as Prometheus expects one
 * target per process. Every runtime started in the process (tests start several) adds to it.
 */
export function processMetrics(): RuntimeMetrics {
  if (shared === null) {
    shared = new RuntimeMetrics();
    // The standard process metrics (CPU, memory, event-loop lag, handles) dashboards expect.
    collectDefaultMetrics({ register: shared.registry });
  }
  return shared;
}
