import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Me } from '../api/auth-api';
import { navigate } from '../app/router';
import { QueryView } from '../ledger/query-view';
import { hasRole } from '../lib/roles';
import { DayCalendar, type CalendarDay } from './day-calendar';
import { DayDetail } from './day-detail';
import { dayStatus } from './day-status';
import {
  calendarWeeks,
  monthFromSearch,
  monthLabel,
  monthRange,
  shiftMonth,
  type Month,
} from './month';
import { listDays, reconciliationKeys } from './reconciliation-api';
import { RangeRunner } from './range-runner';
import { StatementUploadButton } from './statement-upload-button';
import { VarianceChart } from './variance-chart';
import './reconciliation.css';

/**
 * `/reconciliation[/<date>]?month=YYYY-MM`: settlement reconciliation by day. A month of days
 * with their status and a chart of the variance; a chosen day shows PayTrace, ERP, Shopify and
 * bank totals side by side per batch, every unmatched item with its actions, and the report to
 * export. Operators reconcile date ranges and upload bank statements from here.
 */
export function ReconciliationPage({ me, date }: { me: Me; date?: string | undefined }) {
  const [month, setMonthState] = useState<Month>(() =>
    monthFromSearch(window.location.search, date, new Date()),
  );
  const [running, setRunning] = useState<{ from: string; to: string } | null>(null);
  const setMonth = (next: Month) => {
    setMonthState(next);
    window.history.replaceState(null, '', `${window.location.pathname}?month=${next}`);
  };
  const open = (day: string) => navigate(`/reconciliation/${day}?month=${month}`);
  const range = monthRange(month);
  const days = useQuery({
    queryKey: reconciliationKeys.days(range.from, range.to),
    queryFn: () => listDays(range.from, range.to),
  });
  const canAct = hasRole(me.role, 'operator');

  const calendar = useMemo(() => {
    const map = new Map<string, CalendarDay>();
    for (const d of days.data ?? []) {
      const inRun = running !== null && d.date >= running.from && d.date <= running.to;
      const prev = map.get(d.date);
      // Several PayTrace connections on one day: add up what is open, keep the largest variance.
      const openItems = (prev?.openItems ?? 0) + d.openItems;
      const variance =
        prev && Math.abs(prev.variance) > Math.abs(d.variance) ? prev.variance : d.variance;
      map.set(d.date, {
        date: d.date,
        currency: d.currency,
        openItems,
        variance,
        status: dayStatus({ openItems, running: inRun }),
      });
    }
    return map;
  }, [days.data, running]);
  const chartPoints = useMemo(
    () =>
      calendarWeeks(month)
        .flat()
        .filter((d): d is string => d !== null)
        .map((d) => ({ date: d, variance: calendar.get(d)?.variance ?? null })),
    [calendar, month],
  );
  const currency = calendar.values().next().value?.currency ?? 'USD';

  return (
    <main className="page-body recon-page">
      <header className="page-header">
        <h1>Reconciliation</h1>
      </header>
      <div className="recon-toolbar">
        <button type="button" className="small" onClick={() => setMonth(shiftMonth(month, -1))}>
          ‹ Previous
        </button>
        <span className="recon-month" aria-live="polite">
          {monthLabel(month)}
        </span>
        <button type="button" className="small" onClick={() => setMonth(shiftMonth(month, 1))}>
          Next ›
        </button>
        <span className="spacer" />
        {canAct && (
          <>
            <RangeRunner initial={date ? { from: date, to: date } : range} onRunning={setRunning} />
            <StatementUploadButton />
          </>
        )}
      </div>
      <QueryView query={days} what="reconciled days" isEmpty={() => false} empty={null}>
        {(data) => (
          <section className="recon-overview">
            <DayCalendar month={month} days={calendar} selected={date} onSelect={open} />
            <div>
              {data.length === 0 ? (
                <div className="empty-state" data-testid="recon-empty-month">
                  <p>No day of {monthLabel(month)} has been reconciled yet.</p>
                  <p className="hint">
                    Install the <strong>Settlement reconciliation</strong> template to reconcile
                    every day on a schedule, or choose <em>Reconcile a date range</em>.
                  </p>
                </div>
              ) : (
                <VarianceChart
                  points={chartPoints}
                  currency={currency}
                  selected={date}
                  onSelect={open}
                />
              )}
            </div>
          </section>
        )}
      </QueryView>
      {date ? (
        <DayDetail key={date} date={date} canAct={canAct} />
      ) : (
        <p className="hint">Choose a day to see its totals and unmatched items.</p>
      )}
    </main>
  );
}
