import { RE2JS } from 're2js';

/**
 * Thrown (as a JSONata-style failure) for a regular expression the linear-time engine cannot run:
 * backreferences and lookaround need backtracking, which is what lets one crafted pattern freeze
 * a process for seconds.
 */
export const REGEX_UNSUPPORTED = 'EXPRESSION_REGEX_UNSUPPORTED';

interface RegexFailure {
  code: string;
  message: string;
  position?: number;
}

/** RE2 flags for the flags JSONata's parser accepts (`i`, `m`; it always adds `g`). */
function flagsOf(flags: string): number {
  let out = 0;
  if (flags.includes('i')) out |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) out |= RE2JS.MULTILINE;
  return out;
}

const compiled = new Map<string, RE2JS>();

/** Compiles `source` with RE2, or throws a failure naming why it cannot run in linear time. */
export function compileLinearRegex(source: string, flags = ''): RE2JS {
  const key = `${flags}/${source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, flagsOf(flags));
  } catch (err) {
    const failure: RegexFailure = {
      code: REGEX_UNSUPPORTED,
      message: `The regular expression /${source}/ cannot run in linear time (${err instanceof Error ? err.message : String(err)}); backreferences and lookahead/lookbehind are not supported`,
    };
    throw failure;
  }
  if (compiled.size >= 500) compiled.clear();
  compiled.set(key, re);
  return re;
}

/**
 * What JSONata's `RegexEngine` option expects: constructed from the parser's RegExp, with
 * `lastIndex` and `exec` like a global RegExp. Matching runs on RE2 (linear time in the input),
 * so no pattern/input pair can backtrack for seconds.
 */
export class LinearRegExp {
  lastIndex = 0;
  private readonly re: RE2JS;

  constructor(pattern: RegExp | string) {
    const source = typeof pattern === 'string' ? pattern : pattern.source;
    const flags = typeof pattern === 'string' ? '' : pattern.flags;
    this.re = compileLinearRegex(source, flags);
  }

  exec(input: string): ((string | undefined)[] & { index: number }) | null {
    if (this.lastIndex > input.length) {
      this.lastIndex = 0;
      return null;
    }
    const matcher = this.re.matcher(input);
    if (!matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const start = matcher.start();
    const end = matcher.end();
    const groups: (string | undefined)[] = [input.slice(start, end)];
    for (let i = 1; i <= matcher.groupCount(); i++) {
      const group = matcher.group(i) as string | null;
      groups.push(group ?? undefined);
    }
    // As a global RegExp does: JSONata itself refuses a repeated empty match (D1004).
    this.lastIndex = end;
    return Object.assign(groups, { index: start });
  }
}
