/**
 * Node-RED as a baseline peer: the npm package (a devDependency used only here) started as its
 * own process on a local port, with a settings file in a throw-away folder (no editor, no admin
 * API, no credentials, no telemetry) and one flow per chain length: http in -> N change nodes,
 * each setting the payload with the same JSONata expression as the Paybridge map nodes -> http
 * response. Nothing is persisted: that is what Node-RED offers and what the ratio compares to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RED_JS = createRequire(import.meta.url).resolve('node-red/red.js');

export interface NodeRed {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A TCP port free right now on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The Node-RED flow of a chain: `POST /chain/<n>` -> n change nodes -> http response.
 * `expression(i)` is the JSONata of the i-th node (1-based), applied to `msg.payload`.
 */
export function nodeRedChainFlow(n: number, expression: (i: number) => string): unknown[] {
  const tab = `tab-${n}`;
  const id = (i: number) => `chain-${n}-node-${i}`;
  const nodes: unknown[] = [{ id: tab, type: 'tab', label: `chain of ${n}` }];
  nodes.push({
    id: id(0),
    z: tab,
    type: 'http in',
    url: `/chain/${n}`,
    method: 'post',
    upload: false,
    wires: [[id(1)]],
  });
  for (let i = 1; i <= n; i++) {
    nodes.push({
      id: id(i),
      z: tab,
      type: 'change',
      rules: [{ t: 'set', p: 'payload', pt: 'msg', to: expression(i), tot: 'jsonata' }],
      wires: [[id(i + 1)]],
    });
  }
  nodes.push({ id: id(n + 1), z: tab, type: 'http response', statusCode: '200', wires: [] });
  return nodes;
}

/** Starts Node-RED with the given flows; resolves once they are started. */
export async function startNodeRed(flows: unknown[]): Promise<NodeRed> {
  const dir = await mkdtemp(join(tmpdir(), 'paybridge-bench-node-red-'));
  const port = await freePort();
  await writeFile(join(dir, 'flows.json'), JSON.stringify(flows));
  await writeFile(
    join(dir, 'settings.js'),
    `module.exports = ${JSON.stringify({
      uiHost: '127.0.0.1',
      uiPort: port,
      flowFile: 'flows.json',
      userDir: dir,
      httpAdminRoot: false,
      disableEditor: true,
      credentialSecret: false,
      diagnostics: { enabled: false, ui: false },
      runtimeState: { enabled: false, ui: false },
      telemetry: { enabled: false, updateNotification: false },
      externalModules: { autoInstall: false, palette: { allowInstall: false } },
      logging: { console: { level: 'warn', metrics: false, audit: false } },
      apiMaxLength: '5mb',
    })};\n`,
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [RED_JS, '--settings', join(dir, 'settings.js'), '--userDir', dir],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  // Node-RED logs at warn only, so readiness is its first flow answering.
  const deadline = Date.now() + 120_000;
  const firstChain = (flows.find((f) => (f as { type?: string }).type === 'http in') ?? {}) as {
    url?: string;
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Node-RED exited:\n${out}`);
    const res = await fetch(`${url}${firstChain.url ?? '/'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => null);
    if (res && res.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Node-RED did not answer in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, stop };
}
