import { parentPort, workerData } from 'node:worker_threads';
import { installCrashGuards } from '../crash-guards';
import { currentThreadId, setThreadNiceness } from '../expressions/thread-priority';
import { createLogger } from '../logger';
import { processMetrics } from '../observability/metrics';
import { startRuntime, type RuntimeHandle } from '../start-runtime';
import type {
  FromWorkerThread,
  ToWorkerThread,
  WorkerThreadData,
} from './worker-thread-supervisor';

/**
 * The worker thread's side: runs the worker role with the settings the process decided, answers
 * the process's requests for its counts, and drains on request. Exits the thread (never the
 * process) when something goes wrong, for the process to start a new one.
 */
export async function runWorkerThread(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runWorkerThread runs in a worker thread');
  const data = workerData as WorkerThreadData;
  setThreadNiceness(currentThreadId(), data.niceness);
  const logger = createLogger(data.env.PAYBRIDGE_LOG_LEVEL, data.env.PAYBRIDGE_LOG_FORMAT);
  let runtime: RuntimeHandle | null = null;
  const send = (m: FromWorkerThread) => port.postMessage(m);
  installCrashGuards(
    logger,
    () => runtime?.stop() ?? Promise.resolve(),
    (code) => process.exit(code),
  );
  const start = await new Promise<ToWorkerThread>((resolve) => port.once('message', resolve));
  if (start.type !== 'start') return;
  runtime = await startRuntime(data.env, {
    role: 'worker',
    logger,
    hostedBy: start.host,
  });
  port.on('message', (m: ToWorkerThread) => {
    if (m.type === 'metrics') {
      void processMetrics()
        .threadCounts()
        .then((metrics) => send({ type: 'metrics', id: m.id, metrics }));
    } else if (m.type === 'direct') {
      const runs = runtime?.directRuns;
      void (runs ? runs.execute(m.run) : Promise.resolve(null))
        .catch(() => null)
        .then((result) => send({ type: 'direct', id: m.id, result }));
    } else if (m.type === 'stop') {
      void (runtime?.stop() ?? Promise.resolve()).finally(() => {
        send({ type: 'stopped' });
        port.close();
      });
    }
  });
  send({ type: 'ready' });
}
