import type { DateRange } from './ledger-api';

/**
 * "From" and "To" date inputs for a report or list. Either may stay empty (an open end), which
 * is what the runtime's range parameters mean too.
 */
export function DateRangeFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: DateRange;
  onChange: (range: DateRange) => void;
}) {
  return (
    <>
      <label htmlFor={`${idPrefix}-from`}>From</label>
      <input
        id={`${idPrefix}-from`}
        type="date"
        value={value.from ?? ''}
        max={value.to || undefined}
        onChange={(e) => onChange({ ...value, from: e.target.value || undefined })}
      />
      <label htmlFor={`${idPrefix}-to`}>To</label>
      <input
        id={`${idPrefix}-to`}
        type="date"
        value={value.to ?? ''}
        min={value.from || undefined}
        onChange={(e) => onChange({ ...value, to: e.target.value || undefined })}
      />
    </>
  );
}
