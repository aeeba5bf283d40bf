import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import type { Env } from '../env';
import type { Logger } from '../logger';
import { isExposed, keyFilePath, readKeyFile } from './key-file';
import { KeyRing } from './key-ring';
import { masterKey, parseMasterKey, type MasterKey } from './master-key';

/** The settings the key ring is built from. */
export type KeyRingEnv = Pick<
  Env,
  'PAYBRIDGE_SECRET_KEY' | 'PAYBRIDGE_SECRET_KEY_PREVIOUS' | 'PAYBRIDGE_DATA_DIR' | 'DATABASE_URL'
>;

function decode(text: string, variable: string): MasterKey {
  const key = parseMasterKey(text);
  // env.ts validated the format already; this guards other callers. Never quote the value.
  if (!key) throw new Error(`${variable}: not a 32-byte key in base64 or hex`);
  return masterKey(key);
}

/**
 * The master keys for this process. `PAYBRIDGE_SECRET_KEY` is the active key when set, with
 * `PAYBRIDGE_SECRET_KEY_PREVIOUS` (and the keys of an existing key file, so a move from the key
 * file to the variable needs no downtime) still opening older values. Without it, the key file
 * `<data dir>.key` is used, created with a random key (mode 0600) on first start.
 */
export async function loadKeyRing(env: KeyRingEnv, logger: Logger): Promise<KeyRing> {
  const path = keyFilePath(env.PAYBRIDGE_DATA_DIR);
  if (env.PAYBRIDGE_SECRET_KEY) {
    const active = decode(env.PAYBRIDGE_SECRET_KEY, 'PAYBRIDGE_SECRET_KEY');
    const previous = env.PAYBRIDGE_SECRET_KEY_PREVIOUS.map((k) =>
      decode(k, 'PAYBRIDGE_SECRET_KEY_PREVIOUS'),
    );
    const fromFile = existsSync(path) ? (await readKeyFile(path)).keys : [];
    if (fromFile.length > 0) {
      logger.info('secret key file found: its keys still open values sealed with them', { path });
    }
    logger.info('connection secrets sealed with PAYBRIDGE_SECRET_KEY', { kid: active.kid });
    return new KeyRing({ kind: 'env' }, active, [...previous, ...fromFile]);
  }
  if (env.PAYBRIDGE_SECRET_KEY_PREVIOUS.length > 0) {
    throw new Error(
      'PAYBRIDGE_SECRET_KEY_PREVIOUS is set without PAYBRIDGE_SECRET_KEY: set the new key too',
    );
  }
  const { ring, created } = await KeyRing.fromFile(path);
  if (created) {
    logger.info('created the secret key file; back it up, without it secrets cannot be read', {
      path,
    });
  } else if (await isExposed(path)) {
    await chmod(path, 0o600);
    logger.warn('secret key file was readable by others; its mode is now 0600', { path });
  }
  if (env.DATABASE_URL) {
    logger.warn(
      'PAYBRIDGE_SECRET_KEY is not set: connection secrets are sealed with a key file on this ' +
        'machine only; set PAYBRIDGE_SECRET_KEY (the same on every process) for a shared database',
      { path },
    );
  } else {
    logger.info('connection secrets sealed with the key file', { path, kid: ring.activeKid });
  }
  return ring;
}
