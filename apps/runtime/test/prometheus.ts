/**
 * A strict reader of the Prometheus text exposition format (0.0.4) for tests: every sample must
 * belong to a family declared by `# TYPE`, label values are unescaped, and each histogram series
 * must have rising buckets ending in `+Inf` equal to its `_count`. (The one parser on npm,
 * parse-prometheus-text-format 1.1.1, drops the labels of labelled histograms.)
 */

export interface Series {
  labels: Record<string, string>;
  /** Counter or gauge value; a histogram's count. */
  value: number;
  /** Histograms only: cumulative counts by upper bound (`le`), and the sum. */
  buckets?: Map<string, number>;
  sum?: number;
}

export interface Family {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  series: Series[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const start = LABEL.lastIndex;
    const m = LABEL.exec(text);
    if (!m || LABEL.lastIndex === start) throw new Error(`bad labels in line: ${line}`);
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  const value = Number(text);
  if (text !== 'NaN' && Number.isNaN(value)) throw new Error(`bad value in line: ${line}`);
  return value;
}

/** Parses an exposition; throws on anything malformed. */
export function parsePrometheusText(text: string): Family[] {
  const families = new Map<string, Family>();
  const keyOf = (labels: Record<string, string>) =>
    JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
  const seriesOf = (family: Family, labels: Record<string, string>): Series => {
    const key = keyOf(labels);
    let s = family.series.find((x) => keyOf(x.labels) === key);
    if (!s) {
      s = { labels, value: NaN };
      family.series.push(s);
    }
    return s;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
      if (!m) continue;
      const family = families.get(m[2]!) ?? {
        name: m[2]!,
        type: 'untyped' as const,
        help: '',
        series: [],
      };
      families.set(family.name, family);
      if (m[1] === 'HELP') family.help = m[3]!;
      else family.type = m[3] as Family['type'];
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const [, name, labelText, valueText] = m;
    const labels = labelText ? parseLabels(labelText, line) : {};
    const value = parseValue(valueText!, line);
    const suffix = /_(bucket|count|sum)$/.exec(name!);
    const base = suffix ? name!.slice(0, -suffix[0].length) : name!;
    const histogram = families.get(base);
    if (suffix && histogram && (histogram.type === 'histogram' || histogram.type === 'summary')) {
      if (suffix[1] === 'bucket') {
        const { le, ...rest } = labels;
        if (le === undefined) throw new Error(`bucket without le: ${line}`);
        const s = seriesOf(histogram, rest);
        (s.buckets ??= new Map()).set(le, value);
      } else if (suffix[1] === 'count') {
        seriesOf(histogram, labels).value = value;
      } else {
        seriesOf(histogram, labels).sum = value;
      }
      continue;
    }
    const family = families.get(name!);
    if (!family) throw new Error(`sample of an undeclared family: ${line}`);
    seriesOf(family, labels).value = value;
  }
  for (const family of families.values()) {
    if (family.type !== 'histogram') continue;
    for (const s of family.series) {
      const counts = [...(s.buckets ?? new Map<string, number>()).entries()];
      for (let i = 1; i < counts.length; i++) {
        if (counts[i]![1] < counts[i - 1]![1]) throw new Error(`${family.name}: falling buckets`);
      }
      if (counts.at(-1)?.[0] !== '+Inf' || counts.at(-1)?.[1] !== s.value) {
        throw new Error(`${family.name}: +Inf bucket missing or not equal to _count`);
      }
    }
  }
  return [...families.values()];
}

/** Scrapes `/metrics` with a bearer token and parses it. */
export async function scrape(base: string, token: string): Promise<Family[]> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${await res.text()}`);
  return parsePrometheusText(await res.text());
}

/** Sum of the series of `name` whose labels include `labels` (histograms: their counts); 0 if none. */
export function sample(
  families: Family[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = families.find((f) => f.name === name);
  if (!family) return 0;
  return family.series
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/**
 * Scrapes until `ready` holds (or `timeoutMs` passes, then returns the last scrape): a run's
 * status is visible through the API as soon as it is committed, its counters a moment later.
 */
export async function scrapeUntil(
  base: string,
  token: string,
  ready: (families: Family[]) => boolean,
  timeoutMs = 5_000,
): Promise<Family[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const families = await scrape(base, token);
    if (ready(families) || Date.now() > until) return families;
    await new Promise((r) => setTimeout(r, 50));
  }
}
