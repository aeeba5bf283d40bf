import { chmod, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { keyIdOf, MASTER_KEY_BYTES, masterKey, type MasterKey } from './master-key';

/** The key file's content: the active key id and every key still needed, base64. */
export interface KeyFileContent {
  active: string;
  keys: Record<string, string>;
}

const KeyFileSchema = z.object({
  active: z.string(),
  keys: z.record(z.string(), z.string()),
});

/** Where the embedded default keeps its master keys: beside the data directory, `<dir>.key`. */
export function keyFilePath(dataDir: string): string {
  return `${resolve(dataDir)}.key`;
}

/** Thrown for a key file that cannot be used; the message names the file, never a key. */
export class KeyFileError extends Error {
  constructor(path: string, problem: string) {
    super(`Secret key file ${path}: ${problem}`);
    this.name = 'KeyFileError';
  }
}

/** Reads and checks a key file: every key is 32 bytes, named by its own id, the active one present. */
export async function readKeyFile(path: string): Promise<{ active: string; keys: MasterKey[] }> {
  let parsed: KeyFileContent;
  try {
    parsed = KeyFileSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    throw new KeyFileError(path, 'is not a valid key file (expected {"active", "keys"})');
  }
  const keys = Object.entries(parsed.keys).map(([kid, encoded]) => {
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== MASTER_KEY_BYTES || keyIdOf(key) !== kid) {
      throw new KeyFileError(path, `key ${kid} is damaged`);
    }
    return masterKey(key);
  });
  if (!keys.some((k) => k.kid === parsed.active)) {
    throw new KeyFileError(path, `the active key ${parsed.active} is missing`);
  }
  return { active: parsed.active, keys };
}

function serialise(active: string, keys: readonly MasterKey[]): string {
  const content: KeyFileContent = {
    active,
    keys: Object.fromEntries(keys.map((k) => [k.kid, k.key.toString('base64')])),
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

/**
 * Creates the key file with mode 0600, failing with `EEXIST` when it already exists (so two
 * processes starting at once cannot both create one: the loser reads the winner's).
 */
export async function createKeyFile(path: string, key: MasterKey): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(serialise(key.kid, [key]));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces the key file atomically (write beside, fsync, rename), keeping mode 0600. */
export async function writeKeyFile(
  path: string,
  active: string,
  keys: readonly MasterKey[],
): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, serialise(active, keys), { mode: 0o600, flush: true });
  await chmod(temp, 0o600);
  await rename(temp, path);
}

/** Whether group or others may read or write the file. */
export async function isExposed(path: string): Promise<boolean> {
  return ((await stat(path)).mode & 0o077) !== 0;
}
