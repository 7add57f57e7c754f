import { useTranslation } from 'react-i18next';
import type { AtlasStats } from '../../domain/stats.ts';
import { formatNumber, prettyUnit } from '../format.ts';

/**
 * The figures that follow the timeline. Counts are computed from the atlas for the year shown; the
 * published figure is the latest one published up to that year, shown with its own year — never summed.
 */
export function HeadlineCounters({ stats, year }: { stats: AtlasStats | undefined; year: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const entry = stats?.byYear.find((y) => y.year === year) ?? stats?.byYear.at(-1);
  if (!entry) return null;
  const quantities = Object.entries(entry.sourcedQuantities)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 2)
    .map(([unit, value]) => `${formatNumber(value, language)} ${prettyUnit(unit)}`);
  const published = (stats?.byYear ?? [])
    .filter((y) => y.year <= year)
    .flatMap((y) => y.publishedFigures)
    .filter((figure) => figure.metric === 'co2')
    .at(-1);

  return (
    <dl className="counters" aria-live="polite">
      <div>
        <dt>{t('present.partners')}</dt>
        <dd data-counter="partners">{formatNumber(entry.partners, language)}</dd>
      </div>
      <div>
        <dt>{t('present.activeExchanges')}</dt>
        <dd data-counter="active-exchanges">{formatNumber(entry.activeExchanges, language)}</dd>
      </div>
      {quantities.length > 0 ? (
        <div>
          <dt>{t('present.sourcedQuantities')}</dt>
          <dd>{quantities.join(' · ')}</dd>
        </div>
      ) : null}
      {entry.sourcedCo2 ? (
        <div>
          <dt>{t('present.co2Sourced')}</dt>
          <dd>{formatNumber(entry.sourcedCo2.tonnesPerYear, language)} t/yr</dd>
        </div>
      ) : null}
      <p className="counters-note">{t('present.computed')}</p>
      {published ? (
        <p className="published-figure" title={published.source.join(' · ')}>
          {t('present.published', {
            label: published.label[language],
            value: `${formatNumber(published.value, language)} ${prettyUnit(published.unit)}`,
            year: published.year,
          })}
        </p>
      ) : null}
    </dl>
  );
}
