import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import type { Exchange, ImpactFigure, Resource } from '../../domain/schema.ts';
import type { AtlasStats, QuantifiedUnit } from '../../domain/stats.ts';
import { InfoTip } from '../components/InfoTip.tsx';
import { formatNumber, formatQuantity, prettyUnit } from '../format.ts';
import { countersFor } from '../stats/counters.ts';

export interface CounterRecords {
  exchanges: readonly Exchange[];
  companies: ReadonlyMap<string, MapCompany>;
  resources: ReadonlyMap<string, Resource>;
}

function figureYear(figure: ImpactFigure, circa: (year: number) => string): string {
  return figure.yearApproximate ? circa(figure.year) : String(figure.year);
}

/**
 * The figures that follow the timeline. Counts come from the records for the year shown; quantities are
 * counted per unit (how many exchanges have a figure, from which years), never added up; published
 * headline figures are shown as published, each with its year, and its source on hover or focus.
 */
export function HeadlineCounters({
  stats,
  year,
  records,
}: {
  stats: AtlasStats | undefined;
  year: number;
  records: CounterRecords;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const counters = countersFor(stats, year);
  if (!counters) return null;
  const number = (value: number) => formatNumber(value, language);
  const circa = (y: number) => t('counters.circa', { year: y });
  const list = new Intl.ListFormat(language === 'da' ? 'da-DK' : 'en-GB', { type: 'conjunction' });

  const figureLines = (quantified: QuantifiedUnit) =>
    quantified.exchangeIds.map((id) => {
      const exchange = records.exchanges.find((e) => e.id === id);
      const name = (companyId: string) => records.companies.get(companyId)?.name ?? companyId;
      const resource = exchange ? (records.resources.get(exchange.resourceId)?.label[language] ?? '') : '';
      const referenceYear =
        exchange && 'referenceYear' in exchange.quantity ? exchange.quantity.referenceYear : undefined;
      return (
        <span key={id} className="tip-line">
          {exchange
            ? t('counters.figureLine', {
                name: `${resource} (${name(exchange.from)} → ${name(exchange.to)})`,
                value: formatQuantity(exchange.quantity, language) ?? '',
                year: referenceYear ?? t('counters.noYear'),
              })
            : id}
        </span>
      );
    });

  const yearsOf = (quantified: QuantifiedUnit) =>
    list.format([
      ...quantified.referenceYears.map(String),
      ...(quantified.undated > 0 ? [t('counters.undated', { count: quantified.undated })] : []),
    ]);

  return (
    <section className="counters" aria-label={t('counters.label', { year })} data-year={year}>
      <dl className="counter-list">
        <div>
          <dt>{t('counters.partners')}</dt>
          <dd data-counter="partners" data-year={year}>
            <InfoTip tip={t('counters.partnersTip', { year })}>
              <span className="counter-value">{number(counters.partners)}</span>
            </InfoTip>
          </dd>
        </div>
        <div>
          <dt>{t('counters.flowing')}</dt>
          <dd data-counter="active-exchanges" data-year={year}>
            <InfoTip tip={t('counters.flowingTip', { year })}>
              <span className="counter-value">{number(counters.flowingExchanges)}</span>
            </InfoTip>
          </dd>
        </div>
        {counters.endedYearUnknown > 0 ? (
          <div className="counter-minor">
            <dt>{t('counters.endedUnknown')}</dt>
            <dd data-counter="ended-year-unknown" data-year={year}>
              <InfoTip tip={t('counters.endedUnknownTip', { year })}>
                <span className="counter-value">{number(counters.endedYearUnknown)}</span>
              </InfoTip>
            </dd>
          </div>
        ) : null}
        <div className="counter-minor">
          <dt>{t('counters.quantified')}</dt>
          <dd className="quantified">
            {counters.quantified.length === 0 ? t('counters.quantifiedNone') : null}
            {counters.quantified.map((quantified) => (
              <InfoTip
                key={quantified.unit}
                data={{
                  'data-counter': 'quantified',
                  'data-unit': quantified.unit,
                  'data-years': quantified.referenceYears.join(','),
                  'data-undated': quantified.undated,
                  'data-exchanges': quantified.exchangeIds.join(' '),
                }}
                tip={
                  <>
                    {t('counters.quantifiedTip', {
                      count: quantified.exchanges,
                      total: counters.flowingExchanges,
                      year,
                      unit: prettyUnit(quantified.unit),
                      years: yearsOf(quantified),
                    })}
                    {figureLines(quantified)}
                  </>
                }
              >
                <span className="counter-value">{number(quantified.exchanges)}</span>{' '}
                {t('counters.quantifiedIn', { unit: prettyUnit(quantified.unit) })}
              </InfoTip>
            ))}
          </dd>
        </div>
      </dl>
      <div className="published-figures">
        <h3>{t('counters.published')}</h3>
        {counters.published.length === 0 ? (
          <p className="published-none">{t('counters.publishedNone', { year })}</p>
        ) : (
          <ul>
            {counters.published.map((figure) => {
              const value = `${figure.approximate ? '≈ ' : ''}${number(figure.value)} ${prettyUnit(figure.unit)}`;
              const shownYear = figureYear(figure, circa);
              return (
                <li key={figure.id}>
                  <InfoTip
                    data={{
                      'data-counter': 'published',
                      'data-figure': figure.id,
                      'data-unit': figure.unit,
                      'data-years': String(figure.year),
                    }}
                    tip={t('counters.publishedTip', {
                      label: figure.label[language],
                      value,
                      year: figure.yearNote ? `${shownYear} (${figure.yearNote})` : shownYear,
                      source: figure.source.join(' · '),
                    })}
                  >
                    <span className="published-label">{figure.label[language]}</span>{' '}
                    <span className="counter-value">{number(figure.value)}</span> {prettyUnit(figure.unit)} (
                    {shownYear})
                  </InfoTip>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <p className="counters-note">{t('counters.computed', { year })}</p>
    </section>
  );
}
