import { describeVariance, formatVariance, varianceTone } from './variance';

/** A right-aligned variance: signed, coloured by tone, with the direction in words on hover. */
export function VarianceCell({ minor, currency }: { minor: number; currency: string }) {
  return (
    <td
      className={`num recon-variance recon-${varianceTone(minor)}`}
      title={describeVariance(minor, currency)}
    >
      {formatVariance(minor, currency)}
    </td>
  );
}
