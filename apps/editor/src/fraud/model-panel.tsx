import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../api/auth-api';
import { errorMessage } from '../api/api-failure';
import { hasRole } from '../lib/roles';
import type { ModelFigures, TrainResult } from './fraud-api';
import { activateModel, listModels, trainModel } from './fraud-api';
import { fraudKeys } from './fraud-keys';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function FigureRow({ name, version, f }: { name: string; version: string; f: ModelFigures }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{version}</td>
      <td>{f.averagePrecision.toFixed(3)}</td>
      <td>{f.rocAuc.toFixed(3)}</td>
      <td>
        {pct(f.review.precision)} / {pct(f.review.recall)}
      </td>
    </tr>
  );
}

const SOURCE_WORDS: Record<TrainResult['labelSources'][number]['source'], string> = {
  chargeback: 'fraud chargebacks',
  'review-rejected': 'reviews rejected',
  'review-approved': 'reviews approved',
  'dispute-window': 'past the dispute window without a chargeback',
  other: 'other labels',
};

/** Where the labels came from: "Labels: 40 fraud chargebacks, 310 past the dispute window…". */
function LabelSources({ result }: { result: TrainResult }) {
  const parts = result.labelSources.map((s) => `${s.count} ${SOURCE_WORDS[s.source]} (${s.label})`);
  return (
    <p className="hint" data-testid="label-sources">
      Labels: {parts.length > 0 ? parts.join(', ') : 'none yet'}.
    </p>
  );
}

/** The outcome of a retrain in words, with both models' figures on the held-out orders. */
function TrainOutcome({ result }: { result: TrainResult }) {
  if (result.outcome === 'refused')
    return (
      <div role="status">
        <p className="error-text" data-testid="train-outcome">
          Not retrained: {result.reason}. {result.live} keeps scoring.
        </p>
        <LabelSources result={result} />
      </div>
    );
  return (
    <div data-testid="train-outcome" role="status">
      <p>
        {result.outcome === 'switched'
          ? `Switched: ${result.candidate} scores from now on.`
          : `Kept ${result.live}: the retrained model is not better on the recent orders.`}{' '}
        Compared on {result.heldOut.fraud} fraud and {result.heldOut.legitimate} legitimate orders
        since {result.heldOut.from.slice(0, 10)} ({result.timeZone}).
      </p>
      <LabelSources result={result} />
      <table className="ledger-table">
        <thead>
          <tr>
            <th />
            <th>Version</th>
            <th>AP</th>
            <th>ROC AUC</th>
            <th>Precision / recall at 65</th>
          </tr>
        </thead>
        <tbody>
          <FigureRow name="Retrained" version={result.candidate} f={result.figures.candidate} />
          <FigureRow name="Live" version={result.live} f={result.figures.live} />
        </tbody>
      </table>
    </div>
  );
}

/**
 * The fraud model on the review page: retrain on the merchant's labels (operators; the runtime
 * switches only when the retrained model is better, and says so with both figures), and the
 * versions kept with "Make active" to switch back (admins).
 */
export function ModelPanel({ me }: { me: Me }) {
  const qc = useQueryClient();
  const models = useQuery({ queryKey: fraudKeys.models, queryFn: listModels });
  const train = useMutation({
    mutationFn: trainModel,
    onSuccess: () => qc.invalidateQueries({ queryKey: fraudKeys.models }),
  });
  const activate = useMutation({
    mutationFn: activateModel,
    onSuccess: () => qc.invalidateQueries({ queryKey: fraudKeys.models }),
  });
  const admin = hasRole(me.role, 'admin');
  return (
    <section className="fraud-models" aria-label="Fraud model">
      <h2>Model</h2>
      {hasRole(me.role, 'operator') && (
        <p>
          <button type="button" onClick={() => train.mutate()} disabled={train.isPending}>
            {train.isPending ? 'Retraining…' : 'Retrain model'}
          </button>{' '}
          <span className="hint">
            On your fraud chargebacks, review decisions and orders past their dispute window;
            switches only when better on the most recent orders.
          </span>
        </p>
      )}
      {train.isError && (
        <p className="error-text" role="alert">
          Could not retrain: {errorMessage(train.error)}
        </p>
      )}
      {train.data && <TrainOutcome result={train.data} />}
      {activate.isError && (
        <p className="error-text" role="alert">
          Could not switch: {errorMessage(activate.error)}
        </p>
      )}
      {models.data && (
        <ul className="fraud-model-versions" aria-label="Model versions">
          {models.data.models.map((m) => (
            <li key={m.version} data-testid={`model-${m.version}`}>
              <strong>{m.version}</strong> {m.shipped ? '(shipped)' : ''}
              {m.figures && (
                <span className="hint">
                  {' '}
                  AP {m.figures.candidate.averagePrecision.toFixed(3)} vs{' '}
                  {m.figures.live.averagePrecision.toFixed(3)} ({m.figures.liveVersion})
                </span>
              )}{' '}
              {m.active ? (
                <em>active</em>
              ) : (
                admin && (
                  <button
                    type="button"
                    onClick={() => activate.mutate(m.shipped ? 'shipped' : m.version)}
                    disabled={activate.isPending}
                  >
                    Make active
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
