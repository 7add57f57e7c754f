import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStats } from '../api/queries.ts';
import { type CounterRecords, HeadlineCounters } from '../present/HeadlineCounters.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { GrowthChart } from './GrowthChart.tsx';

/**
 * The explore screen's counters and growth chart, for the year the filter shows (today without one).
 * Closed at first: the chart library loads only when someone opens it.
 */
export function StatsPanel({ records, currentYear }: { records: CounterRecords; currentYear: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const stats = useStats();
  const year = useUiStore((state) => state.year) ?? currentYear;

  return (
    <details
      className="panel-section stats-panel"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-year={year}
    >
      <summary className="panel-heading">
        {t('growth.panel')} · {year}
      </summary>
      {!open ? null : stats.isPending ? (
        <p className="hint" role="status">
          {t('growth.loadingStats')}
        </p>
      ) : stats.isError ? (
        <div role="alert">
          <p className="error-text">{t('growth.statsError', { message: stats.error.message })}</p>
          <button type="button" className="small" onClick={() => void stats.refetch()}>
            {t('status.retry')}
          </button>
        </div>
      ) : (
        <>
          <HeadlineCounters stats={stats.data} year={year} records={records} />
          <GrowthChart stats={stats.data} year={year} theme="light" table="details" height={160} />
        </>
      )}
    </details>
  );
}
