import { useEffect, useState } from 'react';
import type { FlowSummary } from '../api/flows-api';
import { RANGES, type RangeKey, type RunFilters } from './run-filters';
import {
  SOURCE_LABELS,
  SOURCES,
  STATUS_LABELS,
  STATUSES,
  type RunSource,
  type RunStatus,
} from './run-status';

/**
 * The Runs page's filters: status, flow, time window, trigger source and a search box for a
 * business reference. The search applies on Enter or after a short pause in typing, so each key
 * does not start a query.
 */
export function RunFiltersBar({
  filters,
  flows,
  onChange,
}: {
  filters: RunFilters;
  flows: readonly FlowSummary[];
  onChange: (filters: RunFilters) => void;
}) {
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q }), 400);
    return () => clearTimeout(timer);
  }, [q, filters, onChange]);
  return (
    <form
      className="run-filters"
      role="search"
      aria-label="Filter runs"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...filters, q });
      }}
    >
      <label className="run-search">
        <span className="sr-only">Business reference</span>
        <input
          type="search"
          value={q}
          placeholder="Order #1002, order id, PayTrace transaction, ERP document…"
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      <label>
        <span>Status</span>
        <select
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as RunStatus | '' })}
        >
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Flow</span>
        <select
          value={filters.flowId}
          onChange={(e) => onChange({ ...filters, flowId: e.target.value })}
        >
          <option value="">All flows</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Time</span>
        <select
          value={filters.range}
          onChange={(e) => onChange({ ...filters, range: e.target.value as RangeKey })}
        >
          {Object.entries(RANGES).map(([key, r]) => (
            <option key={key} value={key}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Source</span>
        <select
          value={filters.source}
          onChange={(e) => onChange({ ...filters, source: e.target.value as RunSource | '' })}
        >
          <option value="">Any</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
