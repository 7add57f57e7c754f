import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import type { MunicipalityBoundaries } from '../../domain/boundaries.ts';
import type { Exchange, Resource } from '../../domain/schema.ts';
import type {
  CouncilReport,
  MunicipalityReport,
  ReportExchange,
} from '../../domain/workbench/council-report.ts';
import { formatNumber, prettyUnit } from '../format.ts';
import { locale } from '../i18n/locale.ts';
import { MunicipalityMap } from './MunicipalityMap.tsx';

interface Props {
  report: CouncilReport;
  section: MunicipalityReport;
  areas: MunicipalityBoundaries | undefined;
  companies: ReadonlyMap<string, MapCompany>;
  exchanges: readonly Exchange[];
  resources: ReadonlyMap<string, Resource>;
}

/** A printed page holds this many rows of a list; the rest are on screen and in the CSV. */
const PRINT_ROWS = 6;

function Capped({ items }: { items: readonly ReactNode[] }) {
  const { t } = useTranslation();
  return (
    <>
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the rows are rendered once, in order, and never reordered.
        <li key={index} className={index >= PRINT_ROWS ? 'wb-print-extra' : undefined}>
          {item}
        </li>
      ))}
      {items.length > PRINT_ROWS ? (
        <li className="wb-print-only">{t('report.more', { count: items.length - PRINT_ROWS })}</li>
      ) : null}
    </>
  );
}

function LogNote({ report }: { report: CouncilReport }) {
  const { t, i18n } = useTranslation();
  if (report.logCoverage === 'full') return null;
  const date = report.recordedSince
    ? new Date(report.recordedSince).toLocaleDateString(locale(i18n.language), { dateStyle: 'long' })
    : null;
  const text =
    date === null
      ? t('report.logNone')
      : report.logCoverage === 'none'
        ? t('report.logAfter', { date })
        : t('report.logPartial', { date });
  return <p className="wb-note">{text}</p>;
}

/** One municipality's page of the report: counts, its map, its exchanges, sourced and estimated figures apart. */
export function ReportSection({ report, section, areas, companies, exchanges, resources }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const name = (id: string) => companies.get(id)?.name ?? id;
  const resource = (id: string) => resources.get(id)?.label[language] ?? id;
  const exchangeLine = (exchange: ReportExchange) => (
    <span data-exchange={exchange.id}>
      {name(exchange.from)} → {name(exchange.to)}: {resource(exchange.resourceId)}{' '}
      <span className="muted">({t(`report.via.${exchange.via}`)})</span>
    </span>
  );
  const list = (title: string, items: readonly ReportExchange[], kind: string) => (
    <div className="wb-report-list" data-list={kind}>
      <h4 className="wb-h4">
        {title} ({items.length})
      </h4>
      {items.length === 0 ? (
        <p className="muted">{t('report.none')}</p>
      ) : (
        <ul className="wb-list">
          <Capped items={items.map(exchangeLine)} />
        </ul>
      )}
    </div>
  );
  const { from, to } = report.period;
  const flowName = (id: string) => {
    const exchange = exchanges.find((candidate) => candidate.id === id);
    return exchange ? `${name(exchange.from)} → ${name(exchange.to)}` : id;
  };

  return (
    <section
      className="wb-report-page"
      data-municipality={section.code}
      aria-labelledby={`wb-report-${section.code}`}
    >
      <header className="wb-report-head">
        <h3 id={`wb-report-${section.code}`} className="wb-report-title">
          {t('report.section', { name: section.name })}
        </h3>
        <p className="wb-report-period">{t('report.periodLine', { from, to })}</p>
      </header>
      <div className="wb-report-top">
        <div>
          <h4 className="wb-h4">{t('report.counts')}</h4>
          <table className="wb-table wb-counts">
            <thead>
              <tr>
                <th scope="col">{t('report.measure')}</th>
                <th scope="col">{t('report.value')}</th>
                <th scope="col">{t('report.basisLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {section.measures.map((measure) => (
                <tr key={measure.id} data-measure={measure.id} data-value={measure.value ?? ''}>
                  <th scope="row">{measure.label[language]}</th>
                  <td>
                    {measure.value === null ? (
                      <span className="muted">{t('report.notRecorded')}</span>
                    ) : (
                      measure.value
                    )}
                  </td>
                  <td className="muted">{t(`report.basis.${measure.basis}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LogNote report={report} />
        </div>
        {areas ? (
          <MunicipalityMap
            code={section.code}
            name={section.name}
            areas={areas}
            companies={companies}
            exchanges={exchanges}
            startedIds={section.exchangesStarted.map((e) => e.id)}
            endedIds={section.exchangesEnded.map((e) => e.id)}
            year={to}
            resources={resources}
          />
        ) : (
          <p className="muted">{t('report.mapLoading')}</p>
        )}
      </div>
      <div className="wb-report-lists">
        {list(t('report.started'), section.exchangesStarted, 'started')}
        {list(t('report.ended'), section.exchangesEnded, 'ended')}
        {list(t('report.agreed'), section.agreements, 'agreed')}
      </div>
      <div className="wb-report-impacts">
        <div className="wb-sourced">
          <h4 className="wb-h4">{t('report.sourced')}</h4>
          {section.sourcedImpacts.length + section.publishedFigures.length === 0 ? (
            <p className="muted">{t('report.sourcedNone')}</p>
          ) : (
            <ul className="wb-list">
              <Capped
                items={[
                  ...section.sourcedImpacts.map(({ exchangeId, impact }) => (
                    <span key={exchangeId} data-sourced={exchangeId}>
                      {impact.label[language]}:{' '}
                      <strong>
                        {formatNumber(impact.value, i18n.language)} {prettyUnit(impact.unit)}
                      </strong>
                      {impact.referenceYear ? ` (${impact.referenceYear})` : ''} · {flowName(exchangeId)}
                      <span className="wb-url"> {impact.source[0]}</span>
                    </span>
                  )),
                  ...section.publishedFigures.map((figure) => (
                    <span key={figure.id} data-published={figure.id}>
                      {figure.label[language]}:{' '}
                      <strong>
                        {formatNumber(figure.value, i18n.language)} {prettyUnit(figure.unit)}
                      </strong>{' '}
                      ({figure.year}) · {t('report.published')}
                      <span className="wb-url"> {figure.source[0]}</span>
                    </span>
                  )),
                ]}
              />
            </ul>
          )}
        </div>
        <div className="wb-estimated">
          <h4 className="wb-h4">
            {t('report.estimated')} <span className="wb-estimate-tag">{t('scenario.estimate')}</span>
          </h4>
          {section.estimatedImpacts.length === 0 ? (
            <p className="muted">{t('report.estimatedNone')}</p>
          ) : (
            <ul className="wb-list">
              <Capped
                items={section.estimatedImpacts.map(({ exchangeId, resourceId, estimate }) => (
                  <span key={exchangeId} data-estimated={exchangeId}>
                    {resource(resourceId)}:{' '}
                    {estimate === null ? (
                      <span className="muted">
                        {t('report.noFactor', { resource: resource(resourceId) })}
                      </span>
                    ) : estimate.value === null ? (
                      <span className="muted">{t('report.quantityUnknown')}</span>
                    ) : (
                      <strong>
                        {formatNumber(estimate.value, i18n.language, 1)} {prettyUnit(estimate.unit)}
                      </strong>
                    )}
                    {estimate ? (
                      <span className="muted">
                        {' '}
                        · {t('scenario.factor')}: {estimate.factor.label[language]} ({estimate.factor.source})
                      </span>
                    ) : null}
                  </span>
                ))}
              />
            </ul>
          )}
        </div>
      </div>
      <footer className="wb-report-foot">{t('report.footer')}</footer>
    </section>
  );
}
