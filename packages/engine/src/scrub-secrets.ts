/**
 * Decrypted connection secrets reach executors, and from there they can slip into what a run
 * records: a service echoing the request, an error quoting a header, an output mapping that
 * copies a field. The engine passes everything it records through a scrubber that knows every
 * secret of every connection resolved in the run.
 */

/** What a secret is replaced with, wherever it appears. */
export const SECRET_PLACEHOLDER = '[secret]';

/**
 * Replaces exact occurrences of known secret strings (also inside longer strings, in object keys
 * and in the digits of numbers) with {@link SECRET_PLACEHOLDER}. Each secret is also looked for
 * in its URL-encoded and JSON-escaped spellings, the two ways a service most often echoes it.
 */
export class SecretScrubber {
  /** Longest first, so a secret that contains another is replaced whole. */
  private secrets: string[] = [];

  /** Adds secrets; empty strings are ignored (there is nothing to hide in them). */
  add(values: Iterable<string>): void {
    const all = new Set(this.secrets);
    for (const value of values) {
      if (typeof value !== 'string' || value === '') continue;
      all.add(value);
      all.add(encodeURIComponent(value));
      all.add(JSON.stringify(value).slice(1, -1));
    }
    this.secrets = [...all].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  }

  /** Whether any secret is known; when none is, scrubbing returns its input unchanged. */
  get active(): boolean {
    return this.secrets.length > 0;
  }

  /** The text with every secret replaced. */
  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(SECRET_PLACEHOLDER);
    }
    return out;
  }

  /**
   * A copy of JSON-like data with every secret replaced. A number whose digits contain a secret
   * becomes the scrubbed string: the type changes, but the value must not survive.
   */
  value<T>(value: T): T {
    if (!this.active) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value === 'number' || typeof value === 'bigint') {
      const digits = String(value);
      const scrubbed = this.text(digits);
      return scrubbed === digits ? value : scrubbed;
    }
    if (value === null || typeof value !== 'object') return value;
    if (value instanceof Date) return value;
    // Errors carry their text in non-enumerable fields; keep it, scrubbed, as plain data.
    if (value instanceof Error) return { name: value.name, message: this.text(value.message) };
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[this.text(key)] = this.walk(item);
    return out;
  }
}
