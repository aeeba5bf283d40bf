/**
 * Client-side encryption ("e2ee") emulation: PayTrace's browser library encrypts the card number
 * and CSC with the gateway's public RSA key, and the merchant's server forwards the ciphertexts
 * (`credit_card.encrypted_number`, top-level `encrypted_csc`) to the keyed endpoints and
 * `customer/create`. The simulator holds one RSA-2048 key pair for its lifetime, serves the public
 * key as PEM, and decrypts with RSA-OAEP (SHA-256) — a simulator choice: PayTrace's padding is
 * not documented anywhere readable, and OAEP is what WebCrypto offers a browser.
 *
 * The pair is generated on first use (the public key request or the first encrypted value), not
 * at construction: generating RSA keys takes a fifth of a second, and most hosts of the simulator
 * never see an encrypted card.
 * @module
 */
import { constants, generateKeyPair, privateDecrypt, type KeyObject } from 'node:crypto';
import { Hono } from 'hono';
import type { SimContext, SimEnv } from './context.js';

/** The simulator's key pair: the public half as served, the private half for decryption. */
export interface E2eeKeys {
  publicKeyPem: string;
  privateKey: KeyObject;
}

/** Lazily generated key pair, shared by every request of one simulator. */
export interface E2eeKeyPair {
  /** Resolves to the key pair, generating it on the first call. */
  keys(): Promise<E2eeKeys>;
}

/** Creates the holder of a simulator's key pair; nothing is generated until `keys()` is called. */
export function createE2eeKeyPair(): E2eeKeyPair {
  let pending: Promise<E2eeKeys> | undefined;
  return {
    keys() {
      pending ??= new Promise<E2eeKeys>((resolve, reject) => {
        generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => {
          if (error) return reject(error);
          resolve({
            publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
            privateKey,
          });
        });
      });
      return pending;
    },
  };
}

/**
 * Decrypts one base64 ciphertext to its UTF-8 text, or `undefined` when it is not base64, was not
 * encrypted with this simulator's public key, or does not decrypt under RSA-OAEP (SHA-256).
 */
export async function decryptE2ee(sim: SimContext, value: string): Promise<string | undefined> {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const { privateKey } = await sim.e2ee.keys();
  try {
    const plain = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(trimmed, 'base64'),
    );
    return plain.toString('utf8');
  } catch {
    return undefined;
  }
}

/** Paths the public key is served at (no token needed: it is public by nature). */
export const E2EE_PUBLIC_KEY_PATHS = ['/e2ee/public-key.pem', '/v1/e2ee/public-key.pem'] as const;

/** `GET` routes serving the public key as PEM. */
export function e2eeRoutes(sim: SimContext): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  for (const path of E2EE_PUBLIC_KEY_PATHS) {
    app.get(path, async (c) => {
      const { publicKeyPem } = await sim.e2ee.keys();
      return c.body(publicKeyPem, 200, { 'content-type': 'application/x-pem-file' });
    });
  }
  return app;
}
