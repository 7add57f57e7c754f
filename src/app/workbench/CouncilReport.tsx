import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import type { Exchange, Resource } from '../../domain/schema.ts';
import { MAX_REPORT_YEARS } from '../../domain/workbench/council-report.ts';
import { errorText } from '../api/http.ts';
import { useServerSession } from '../api/queries.ts';
import { downloadReportCsv, useCouncilReport, useMunicipalityAreas } from '../api/scenario-queries.ts';
import { useUiStore } from '../state/ui-store.ts';
import { ReportSection } from './ReportSection.tsx';

interface Props {
  companies: ReadonlyMap<string, MapCompany>;
  exchanges: readonly Exchange[];
  resources: ReadonlyMap<string, Resource>;
}

const thisYear = new Date().getFullYear();

function YearInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (year: number) => void;
}) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={1900}
        max={2100}
        step={1}
        value={value}
        onChange={(event) => {
          const year = Number(event.target.value);
          if (Number.isInteger(year) && year >= 1900 && year <= 2100) onChange(year);
        }}
      />
    </label>
  );
}

/** Staff only: the report to the three councils for a period, one printed A4 page per municipality, and as CSV. */
export function CouncilReport({ companies, exchanges, resources }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const isStaff = useServerSession().data?.level === 'secretariat';
  const period = useUiStore((state) => state.reportPeriod) ?? { from: thisYear, to: thisYear };
  const { setReportPeriod, setView } = useUiStore.getState();
  const valid = period.from <= period.to && period.to - period.from < MAX_REPORT_YEARS;
  const report = useCouncilReport(period, isStaff && valid);
  const areas = useMunicipalityAreas();
  const [downloadError, setDownloadError] = useState<string | null>(null);

  if (!isStaff) {
    return (
      <div className="wb-view">
        <p role="alert">{t('report.staffOnly')}</p>
      </div>
    );
  }

  return (
    <div className="wb-view wb-report">
      <header className="wb-head wb-no-print">
        <h2>{t('report.title')}</h2>
        <div className="wb-actions">
          <YearInput
            label={t('report.from')}
            value={period.from}
            onChange={(from) => setReportPeriod({ ...period, from })}
          />
          <YearInput
            label={t('report.to')}
            value={period.to}
            onChange={(to) => setReportPeriod({ ...period, to })}
          />
          <button
            type="button"
            disabled={!report.data}
            onClick={() => {
              setDownloadError(null);
              downloadReportCsv(period, language).catch((error: unknown) =>
                setDownloadError(errorText(error)),
              );
            }}
          >
            {t('report.downloadCsv')}
          </button>
          <button type="button" disabled={!report.data} onClick={() => window.print()}>
            {t('report.print')}
          </button>
          <button type="button" onClick={() => setView('map')}>
            {t('report.back')}
          </button>
        </div>
      </header>
      <p className="hint wb-no-print">{t('report.intro')}</p>
      {downloadError ? (
        <p role="alert" className="error-text wb-no-print">
          {t('report.error', { message: downloadError })}
        </p>
      ) : null}
      {!valid ? (
        <p role="alert" className="error-text">
          {t('report.badPeriod', { max: MAX_REPORT_YEARS })}
        </p>
      ) : report.isError ? (
        <p role="alert" className="error-text">
          {t('report.error', { message: errorText(report.error) })}
        </p>
      ) : !report.data ? (
        <p role="status">{t('report.loading')}</p>
      ) : (
        <div className="wb-report-pages" data-period={`${report.data.period.from}-${report.data.period.to}`}>
          {report.data.municipalities.map((section) => (
            <ReportSection
              key={section.code}
              report={report.data}
              section={section}
              areas={areas.data}
              companies={companies}
              exchanges={exchanges}
              resources={resources}
            />
          ))}
        </div>
      )}
    </div>
  );
}
