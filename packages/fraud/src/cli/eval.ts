/**
 * `npm run fraud:eval [-- --write]`: trains on the generator's first 70 % of days, evaluates on
 * the rest, prints the model's and both baselines' figures; `--write` also stores the trained
 * model as src/model/fraud-model.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ipCountry } from '../ip-country';
import { runEvaluation, REVIEW_THRESHOLD, BLOCK_THRESHOLD, type Figures } from '../evaluation/run';

const started = Date.now();
const result = runEvaluation(ipCountry);
const pct = (x: number) => (Number.isNaN(x) ? '   n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);
const row = (name: string, f: Figures) =>
  `${name.padEnd(14)} ${f.rocAuc.toFixed(3).padStart(7)} ${f.averagePrecision.toFixed(3).padStart(7)}  ` +
  `${pct(f.review.precision)} ${pct(f.review.recall)} ${String(f.review.flagged).padStart(6)}  ` +
  `${pct(f.block.precision)} ${pct(f.block.recall)} ${String(f.block.flagged).padStart(6)}  ${pct(f.precisionTop1Percent)}`;

console.log('Fraud model evaluation on SYNTHETIC orders (packages/fraud generator, seed 17)');
console.log(
  `train: ${result.trainOrders} orders (${result.trainFraud} fraud) before ${result.splitAt}; ` +
    `held out: ${result.testOrders} orders (${result.testFraud} fraud) after`,
);
console.log(
  `${''.padEnd(14)} ${'ROC AUC'.padStart(7)} ${'AP'.padStart(7)}  ` +
    `${`P@${REVIEW_THRESHOLD}`.padStart(6)} ${`R@${REVIEW_THRESHOLD}`.padStart(6)} ${'n'.padStart(6)}  ` +
    `${`P@${BLOCK_THRESHOLD}`.padStart(6)} ${`R@${BLOCK_THRESHOLD}`.padStart(6)} ${'n'.padStart(6)}  ${'P@top1%'.padStart(6)}`,
);
console.log(row('model', result.figures.model));
console.log(row('rules-only', result.figures.rulesOnly));
console.log(row('AVS/CSC only', result.figures.avsCsc));
console.log('recall at review threshold by scenario (held out):');
for (const [scenario, r] of Object.entries(result.recallByScenario))
  console.log(`  ${scenario.padEnd(18)} ${String(r.orders).padStart(5)} orders  ${pct(r.recall)}`);
const auc = result.figures.model.rocAuc;
const apRatio = result.figures.model.averagePrecision / result.figures.rulesOnly.averagePrecision;
console.log(
  `targets: ROC AUC ${auc.toFixed(3)} >= 0.90 ${auc >= 0.9 ? 'met' : 'MISSED'}; AP ${apRatio.toFixed(3)}x rules-only >= 2x ${apRatio >= 2 ? 'met' : 'MISSED'}`,
);
if (process.argv.includes('--write')) {
  const path = fileURLToPath(new URL('../model/fraud-model.json', import.meta.url));
  writeFileSync(
    path,
    JSON.stringify(
      {
        ...result.model,
        provenance: { ...result.model.provenance, heldOut: result.figures.model },
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`model written to ${path}`);
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
