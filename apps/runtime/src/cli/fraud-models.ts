import type { Figures } from '@paybridge/fraud';
import { isTimeZone } from '@paybridge/nodes/definitions';
import { AuditLog } from '../audit/audit-log';
import type { Sql } from '../db/client';
import {
  activateModel,
  listModels,
  ModelVersionError,
  DISPUTE_WINDOW_DAYS,
  merchantTimeZone,
  trainModel,
  type LabelSourceCount,
  type TrainOutcome,
} from '../fraud/model-versions';
import { CliError } from './with-database';

export const FRAUD_USAGE = `  fraud train [--time-zone <IANA zone>] [--dispute-window-days <days>]
                   Retrain the fraud model on the merchant's labels (fraud chargebacks, review
                   decisions, orders past their dispute window without a chargeback), compare it
                   with the active model on the most recent labels and switch only when it is
                   better. --time-zone: the store's zone (default: the one the live flows' Fraud
                   score uses, else PAYBRIDGE_LEDGER_TIME_ZONE). --dispute-window-days: days after
                   capture without a chargeback that make an order legitimate (default ${DISPUTE_WINDOW_DAYS}).
  fraud models     List the fraud model versions and which one scores.
  fraud activate <version>   (also: fraud rollback <version>)
                   Make a kept version score again; \`shipped\` goes back to the shipped model.
`;

/** A bad command line (exit code 2). */
export class UsageError extends Error {}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const figureLine = (name: string, version: string, f: Figures) =>
  `  ${name.padEnd(10)} ${version.padEnd(26)} AP ${f.averagePrecision.toFixed(3)}  ROC AUC ` +
  `${f.rocAuc.toFixed(3)}  at 65: precision ${pct(f.review.precision)}, recall ${pct(f.review.recall)}`;

const SOURCE_WORDS: Record<LabelSourceCount['source'], string> = {
  chargeback: 'fraud chargebacks',
  'review-rejected': 'reviews rejected',
  'review-approved': 'reviews approved',
  'dispute-window': 'past the dispute window, no chargeback',
  other: 'other labels',
};

/** One line per label source: `  fraud        12  fraud chargebacks`. */
function sourceLines(counts: readonly LabelSourceCount[]): string[] {
  if (counts.length === 0) return ['Labels: none yet.'];
  return [
    'Labels by source:',
    ...counts.map(
      (c) => `  ${c.label.padEnd(10)} ${String(c.count).padStart(6)}  ${SOURCE_WORDS[c.source]}`,
    ),
  ];
}

/** The train outcome in words, as the CLI prints it. */
export function describeTrain(result: TrainOutcome): string {
  if (result.outcome === 'refused')
    return `${[
      `Not retrained: ${result.reason}.`,
      ...sourceLines(result.labelSources),
      `The active model stays ${result.live}.`,
    ].join('\n')}\n`;
  const lines = [
    ...sourceLines(result.labelSources),
    `Trained on ${result.trainedOn.fraud} fraud and ${result.trainedOn.legitimate} legitimate ` +
      `orders before ${result.trainedOn.before} (${result.timeZone}); compared on ${result.heldOut.fraud} fraud and ` +
      `${result.heldOut.legitimate} legitimate orders from then on:`,
    figureLine('candidate', result.candidate, result.figures.candidate),
    figureLine('live', result.live, result.figures.live),
    result.outcome === 'switched'
      ? `Switched: ${result.candidate} scores from now on (\`paybridge fraud rollback ${result.live === result.candidate ? 'shipped' : result.live}\` switches back).`
      : `Kept ${result.live}: the candidate is not better on the held-out orders.`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `paybridge fraud <train|models|activate|rollback>` on an open database; what it prints and its
 * exit code (0 done, 1 refused). The work is `fraud/model-versions.ts`, shared with the API.
 */
export async function fraudCommand(
  sql: Sql,
  args: string[],
  out: (text: string) => void,
  options: { ledgerTimeZone?: string } = {},
): Promise<number> {
  const [command, ...rest] = args;
  const audit = new AuditLog(sql);
  try {
    if (command === 'models') {
      for (const m of await listModels(sql)) {
        const ap = m.figures
          ? `AP ${m.figures.candidate.averagePrecision.toFixed(3)} vs ${m.figures.live.averagePrecision.toFixed(3)} (${m.figures.liveVersion})`
          : '';
        out(
          `${m.active ? '*' : ' '} ${m.version.padEnd(26)} ${m.shipped ? 'shipped'.padEnd(24) : (m.createdAt ?? '').padEnd(24)} ${ap}\n`,
        );
      }
      return 0;
    }
    if (command === 'train') {
      let storeTimeZone: string | undefined;
      let disputeWindowDays = DISPUTE_WINDOW_DAYS;
      for (let i = 0; i < rest.length; i += 1) {
        if (rest[i] === '--time-zone' && rest[i + 1]) storeTimeZone = rest[++i]!;
        else if (rest[i] === '--dispute-window-days' && rest[i + 1]) {
          disputeWindowDays = Number(rest[++i]);
          if (!Number.isInteger(disputeWindowDays) || disputeWindowDays < 1)
            throw new UsageError(
              `fraud train: --dispute-window-days takes a whole number of days, not ${rest[i]}`,
            );
        } else throw new UsageError(`fraud train: unknown option ${rest[i]}`);
      }
      if (storeTimeZone !== undefined && !isTimeZone(storeTimeZone))
        throw new UsageError(`fraud train: unknown time zone ${storeTimeZone}; use an IANA name`);
      const result = await trainModel(sql, {
        by: 'cli',
        storeTimeZone:
          storeTimeZone ?? (await merchantTimeZone(sql, options.ledgerTimeZone ?? 'UTC')),
        disputeWindowDays,
      });
      await audit.record(null, {
        action: 'fraud-model.train',
        targetType: 'fraud-model',
        targetId: result.outcome === 'refused' ? result.live : result.candidate,
        details: { via: 'cli', outcome: result.outcome },
      });
      out(describeTrain(result));
      return result.outcome === 'refused' ? 1 : 0;
    }
    if (command === 'activate' || command === 'rollback') {
      if (rest.length !== 1) throw new UsageError(`fraud ${command} needs one version`);
      const active = await activateModel(sql, rest[0]!, 'cli');
      await audit.record(null, {
        action: 'fraud-model.activate',
        targetType: 'fraud-model',
        targetId: active.version,
        details: { via: 'cli', requested: rest[0] },
      });
      out(`Active fraud model: ${active.version}${active.shipped ? ' (shipped)' : ''}.\n`);
      return 0;
    }
    throw new UsageError(`Unknown command: fraud ${args.join(' ')}`);
  } catch (err) {
    if (err instanceof ModelVersionError) throw new CliError(err.message);
    throw err;
  }
}
