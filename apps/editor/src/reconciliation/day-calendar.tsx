import { formatVariance } from './variance';
import { calendarWeeks, type Month } from './month';
import { dayStatusLabel, type DayStatus } from './day-status';

/** What a calendar cell shows of a day that has been reconciled. */
export interface CalendarDay {
  date: string;
  status: DayStatus;
  variance: number;
  currency: string;
  openItems: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * A month of business days, each with its reconciliation status (clean, variances, running, or
 * not reconciled yet) and variance; choosing a day opens its totals and items below.
 */
export function DayCalendar({
  month,
  days,
  selected,
  onSelect,
}: {
  month: Month;
  days: Map<string, CalendarDay>;
  selected: string | undefined;
  onSelect: (date: string) => void;
}) {
  return (
    <table className="recon-calendar" data-testid="recon-calendar">
      <caption className="sr-only">Days of the month and their reconciliation status</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((d) => (
            <th key={d} scope="col">
              {d}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {calendarWeeks(month).map((week) => (
          <tr key={week.find(Boolean)}>
            {week.map((date, i) => {
              if (!date) return <td key={`blank-${i}`} className="recon-day-blank" />;
              const day = days.get(date);
              const status: DayStatus = day?.status ?? 'none';
              return (
                <td key={date}>
                  <button
                    type="button"
                    className={`recon-day recon-day-${status}`}
                    aria-pressed={date === selected}
                    data-testid={`day-${date}`}
                    onClick={() => onSelect(date)}
                    aria-label={`${date}: ${dayStatusLabel(status, day?.openItems ?? 0)}`}
                  >
                    <span className="recon-day-number">{Number(date.slice(8))}</span>
                    {status !== 'none' && (
                      <span className="recon-day-status">
                        {dayStatusLabel(status, day?.openItems ?? 0)}
                      </span>
                    )}
                    {day && day.variance !== 0 && (
                      <span className="recon-day-variance">
                        {formatVariance(day.variance, day.currency)}
                      </span>
                    )}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
