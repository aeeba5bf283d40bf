/**
 * The options of `npm run fraud:eval`, parsed apart from the run so a typo gets a clear message
 * before minutes of training.
 *
 * @module
 */

export interface EvalArgs {
  /** Generator seeds to evaluate, one line each when more than one. */
  seeds: number[];
  /** Store the default stream's model as src/model/fraud-model.json. */
  write: boolean;
}

/** Parses `[--seeds 1,2,3] [--write]`; throws an Error whose message says what is wrong. */
export function parseEvalArgs(argv: readonly string[], defaultSeed: number): EvalArgs {
  const known = new Set(['--seeds', '--write']);
  let seeds = [defaultSeed];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--seeds') {
      const list = argv[++i];
      if (!list || !/^\d+(,\d+)*$/.test(list))
        throw new Error(
          `--seeds takes a comma-separated list of whole numbers, got "${list ?? ''}"`,
        );
      seeds = list.split(',').map(Number);
    } else if (!known.has(arg))
      throw new Error(`unknown option "${arg}"; use --seeds 1,2,3 and/or --write`);
  }
  return { seeds, write: argv.includes('--write') };
}
