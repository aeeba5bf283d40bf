import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createKeyFile, readKeyFile, writeKeyFile } from './key-file';
import { generateMasterKey, type MasterKey } from './master-key';

/** Where the master keys come from. */
export type KeySource =
  /** `PAYBRIDGE_SECRET_KEY` (+ `_PREVIOUS`); a key file's keys, if present, open old values. */
  | { kind: 'env' }
  /** The generated key file beside the data directory. */
  | { kind: 'file'; path: string };

/**
 * The master keys of this process: one active key that seals new values, and older keys that
 * still open values sealed before a rotation.
 *
 * With the key file as source the file is the truth, shared by every process on the machine: the
 * active key is re-read before each seal and an unknown key id triggers a re-read before failing,
 * so a rotation done by one process (the API, the CLI) is seen by the others without a restart.
 */
export class KeyRing {
  private active: MasterKey;
  private readonly keys = new Map<string, MasterKey>();

  constructor(
    readonly source: KeySource,
    active: MasterKey,
    others: readonly MasterKey[] = [],
  ) {
    this.active = active;
    for (const key of [active, ...others]) this.keys.set(key.kid, key);
  }

  /** Loads the ring from a key file, creating the file with a new key when there is none. */
  static async fromFile(path: string): Promise<{ ring: KeyRing; created: boolean }> {
    let created = false;
    await mkdir(dirname(path), { recursive: true });
    try {
      await createKeyFile(path, generateMasterKey());
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const file = await readKeyFile(path);
    const active = file.keys.find((k) => k.kid === file.active) as MasterKey;
    return { ring: new KeyRing({ kind: 'file', path }, active, file.keys), created };
  }

  /** Id of the key that seals new values (as last read). */
  get activeKid(): string {
    return this.active.kid;
  }

  /** Ids of every key this process holds. */
  get kids(): string[] {
    return [...this.keys.keys()];
  }

  /** The key to seal with now; in file mode re-read first, so a rotation elsewhere applies. */
  async activeKey(): Promise<MasterKey> {
    if (this.source.kind === 'file') await this.reload();
    return this.active;
  }

  /** The key with this id, re-reading the key file once when it is unknown. */
  async key(kid: string): Promise<MasterKey | undefined> {
    const known = this.keys.get(kid);
    if (known || this.source.kind !== 'file') return known;
    await this.reload();
    return this.keys.get(kid);
  }

  /**
   * Makes a new key active for a rotation. Key file: a new random key is added and becomes active
   * (earlier keys stay until {@link retainOnly}). Environment: the configured key is already the
   * active one; nothing changes.
   */
  async addActiveKey(): Promise<MasterKey> {
    if (this.source.kind !== 'file') return this.active;
    await this.reload();
    const next = generateMasterKey();
    await writeKeyFile(this.source.path, next.kid, [next, ...this.keys.values()]);
    this.keys.set(next.kid, next);
    this.active = next;
    return next;
  }

  /**
   * Key file only: forgets every key except the active one and those in `inUse`, on disk and here,
   * and returns the ids dropped. Callers must be sure nothing sealed with a dropped key remains:
   * without its key a value can never be opened again.
   */
  async retainOnly(inUse: ReadonlySet<string>): Promise<string[]> {
    if (this.source.kind !== 'file') return [];
    await this.reload();
    const dropped = this.kids.filter((kid) => kid !== this.active.kid && !inUse.has(kid));
    if (dropped.length === 0) return [];
    for (const kid of dropped) this.keys.delete(kid);
    await writeKeyFile(this.source.path, this.active.kid, [...this.keys.values()]);
    return dropped;
  }

  private async reload(): Promise<void> {
    if (this.source.kind !== 'file') return;
    const file = await readKeyFile(this.source.path);
    this.keys.clear();
    for (const key of file.keys) this.keys.set(key.kid, key);
    this.active = this.keys.get(file.active) as MasterKey;
  }
}
