import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { keyFilePath } from './key-file';
import { KeyRing } from './key-ring';
import { loadKeyRing } from './load-key-ring';
import { generateMasterKey } from './master-key';

/** A data dir whose parent does not exist yet (with DATABASE_URL nothing creates it first). */
async function tempDataDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'pb-keys-')), 'deep', 'data');
}

/** A logger that keeps every line, to check what is (and is not) logged. */
function capture() {
  const lines: string[] = [];
  const write = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  const logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: () => logger,
  };
  return { logger, lines };
}

const baseEnv = { PAYBRIDGE_SECRET_KEY_PREVIOUS: [] as string[], DATABASE_URL: undefined };

describe('key file', () => {
  it('is created beside the data dir with mode 0600 on first start and reused after', async () => {
    const dataDir = await tempDataDir();
    const path = keyFilePath(dataDir);
    expect(path).toBe(`${dataDir}.key`);
    const { logger, lines } = capture();
    const first = await loadKeyRing({ ...baseEnv, PAYBRIDGE_DATA_DIR: dataDir }, logger);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const content = JSON.parse(await readFile(path, 'utf8'));
    expect(content.active).toBe(first.activeKid);
    expect(lines.join('\n')).toContain(path);
    expect(lines.join('\n')).not.toContain(content.keys[first.activeKid]);

    const again = await loadKeyRing({ ...baseEnv, PAYBRIDGE_DATA_DIR: dataDir }, logger);
    expect(again.activeKid).toBe(first.activeKid);
  });

  it('warns that a shared database wants PAYBRIDGE_SECRET_KEY, and tightens a loose mode', async () => {
    const dataDir = await tempDataDir();
    await loadKeyRing({ ...baseEnv, PAYBRIDGE_DATA_DIR: dataDir }, capture().logger);
    const path = keyFilePath(dataDir);
    const { chmod } = await import('node:fs/promises');
    await chmod(path, 0o644);
    const { logger, lines } = capture();
    await loadKeyRing(
      { ...baseEnv, PAYBRIDGE_DATA_DIR: dataDir, DATABASE_URL: 'postgres://x/y' },
      logger,
    );
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(lines.filter((l) => l.startsWith('warn')).join('\n')).toMatch(
      /0600[\s\S]*PAYBRIDGE_SECRET_KEY/,
    );
  });

  it('adds a new active key, drops unused ones, and is re-read by other processes', async () => {
    const path = keyFilePath(await tempDataDir());
    const { ring: mine } = await KeyRing.fromFile(path);
    const { ring: theirs } = await KeyRing.fromFile(path);
    const old = mine.activeKid;
    const next = await mine.addActiveKey();
    expect(mine.kids.sort()).toEqual([old, next.kid].sort());
    // Another process sees the new key when it seals, and when it meets its id.
    expect((await theirs.activeKey()).kid).toBe(next.kid);
    expect(await mine.retainOnly(new Set())).toEqual([old]);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).keys)).toEqual([next.kid]);
    expect((await KeyRing.fromFile(path)).ring.kids).toEqual([next.kid]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file, naming the file and not the key', async () => {
    const path = keyFilePath(await tempDataDir());
    const key = generateMasterKey();
    await mkdir(dirname(path), { recursive: true });
    await writeFile(
      path,
      JSON.stringify({ active: 'abcd1234', keys: { abcd1234: key.key.toString('base64') } }),
    );
    await expect(KeyRing.fromFile(path)).rejects.toThrow(`${path}: key abcd1234 is damaged`);
    await writeFile(path, 'not json');
    await expect(KeyRing.fromFile(path)).rejects.toThrow(path);
  });
});

describe('environment keys', () => {
  it('use PAYBRIDGE_SECRET_KEY as the active key and previous keys (and a key file) to open', async () => {
    const dataDir = await tempDataDir();
    const fileRing = await loadKeyRing(
      { ...baseEnv, PAYBRIDGE_DATA_DIR: dataDir },
      capture().logger,
    );
    const active = generateMasterKey();
    const previous = generateMasterKey();
    const ring = await loadKeyRing(
      {
        PAYBRIDGE_DATA_DIR: dataDir,
        DATABASE_URL: undefined,
        PAYBRIDGE_SECRET_KEY: active.key.toString('hex'),
        PAYBRIDGE_SECRET_KEY_PREVIOUS: [previous.key.toString('base64')],
      },
      capture().logger,
    );
    expect(ring.source).toEqual({ kind: 'env' });
    expect(ring.activeKid).toBe(active.kid);
    expect(ring.kids.sort()).toEqual([active.kid, previous.kid, fileRing.activeKid].sort());
    expect(await ring.addActiveKey()).toEqual(active);
    expect(await ring.retainOnly(new Set())).toEqual([]);
  });

  it('refuses previous keys without a current one', async () => {
    await expect(
      loadKeyRing(
        {
          ...baseEnv,
          PAYBRIDGE_DATA_DIR: await tempDataDir(),
          PAYBRIDGE_SECRET_KEY_PREVIOUS: [generateMasterKey().key.toString('hex')],
        },
        createLogger('silent'),
      ),
    ).rejects.toThrow(/PAYBRIDGE_SECRET_KEY_PREVIOUS is set without PAYBRIDGE_SECRET_KEY/);
  });
});
