import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImpactFigure } from '../../domain/impact.ts';
import type { AtlasStats } from '../../domain/stats.ts';
import { formatNumber, prettyUnit } from '../format.ts';
import {
  type ChartTheme,
  drawGrowthChart,
  growthSummaryValues,
  type PlotModule,
  themeColours,
} from './growth-chart.ts';
import { growthData, yearRows } from './growth-data.ts';

type PlotState = { module: PlotModule } | { error: string } | null;

/** Observable Plot is loaded on first use, so the first screen never waits for it. */
function usePlot(): PlotState {
  const [state, setState] = useState<PlotState>(null);
  useEffect(() => {
    let live = true;
    import('@observablehq/plot').then(
      (module) => live && setState({ module }),
      (error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

function LegendSwatch({
  kind,
  theme,
}: {
  kind: 'partners' | 'exchanges' | 'published' | 'year';
  theme: ChartTheme;
}) {
  const colours = themeColours[theme];
  const background = theme === 'dark' ? '#102630' : '#ffffff';
  return (
    <svg width="22" height="12" viewBox="0 0 26 12" aria-hidden="true">
      {kind === 'partners' ? (
        <>
          <line x1="1" y1="6" x2="25" y2="6" stroke={colours.partners} strokeWidth="2.2" />
          <circle cx="13" cy="6" r="3" fill={colours.partners} />
        </>
      ) : kind === 'exchanges' ? (
        <>
          <line
            x1="1"
            y1="6"
            x2="25"
            y2="6"
            stroke={colours.exchanges}
            strokeWidth="1.8"
            strokeDasharray="5,3"
          />
          <rect
            x="10"
            y="3"
            width="6"
            height="6"
            fill={background}
            stroke={colours.exchanges}
            strokeWidth="1.4"
          />
        </>
      ) : kind === 'published' ? (
        <path d="M13 2 L17 6 L13 10 L9 6 Z" fill="none" stroke={colours.ink} strokeWidth="1.3" />
      ) : (
        <line x1="13" y1="0" x2="13" y2="12" stroke={colours.rule} strokeWidth="2" />
      )}
    </svg>
  );
}

/**
 * How the symbiosis grew: partners and flowing exchanges per year from the records, the published headline
 * figures as dated points, and a rule at the year shown. It comes with its title, a legend and the same
 * numbers as a table (visible on request in the panel, for screen readers in the presentation).
 */
export function GrowthChart({
  stats,
  year,
  theme,
  height = 150,
  table,
}: {
  stats: AtlasStats | undefined;
  year: number;
  theme: ChartTheme;
  height?: number;
  /** `details`: the numbers behind a disclosure; `hidden`: for screen readers only. */
  table: 'details' | 'hidden';
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const plot = usePlot();
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const data = useMemo(() => growthData(stats), [stats]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const summary = data ? t('growth.summary', growthSummaryValues(data, year)) : '';
  const labels = useMemo(
    () => ({
      title: t('growth.title'),
      summary,
      yearAxis: t('growth.yearAxis'),
      countAxis: t('growth.countAxis'),
      partners: t('growth.partners'),
      exchanges: t('growth.exchanges'),
    }),
    [t, summary],
  );
  const describeFigure = useCallback(
    (figure: ImpactFigure) =>
      `${figure.label[language]}: ${formatNumber(figure.value, language)} ${prettyUnit(figure.unit)} (${figure.year})\n${figure.source.join('\n')}`,
    [language],
  );

  useEffect(() => {
    const element = host.current;
    if (!element || !data || !plot || !('module' in plot) || width < 120) return;
    const svg = drawGrowthChart(plot.module, { data, year, width, height, theme, labels, describeFigure });
    svg.setAttribute('role', 'img');
    element.replaceChildren(svg);
    return () => svg.remove();
  }, [plot, data, year, width, height, theme, labels, describeFigure]);

  const rows = data ? yearRows(data) : [];
  const numbers = (
    <>
      <table className="growth-numbers">
        <caption>{t('growth.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('growth.yearAxis')}</th>
            <th scope="col">{t('growth.partners')}</th>
            <th scope="col">{t('growth.exchanges')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.year}
              data-growth-year={row.year}
              className={row.year === year ? 'current' : undefined}
            >
              <th scope="row">{row.year}</th>
              <td data-series="partners">{formatNumber(row.partners, language)}</td>
              <td data-series="exchanges">{formatNumber(row.exchanges, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="growth-numbers">
        <caption>{t('growth.publishedTable')}</caption>
        <tbody>
          {(data?.published ?? []).map((figure) => (
            <tr key={figure.id} data-published-figure={figure.id}>
              <th scope="row">{figure.year}</th>
              <td>{figure.label[language]}</td>
              <td>
                {formatNumber(figure.value, language)} {prettyUnit(figure.unit)}
              </td>
              <td>{figure.source.join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );

  return (
    <figure className={`growth-chart growth-${theme}`} data-year={year}>
      <figcaption className="growth-title">{t('growth.title')}</figcaption>
      <div
        className="growth-plot"
        style={{ height }}
        data-state={plot === null ? 'loading' : 'module' in plot ? 'ready' : 'error'}
      >
        {/* Plot's SVG goes into this element, which React leaves alone. */}
        <div className="growth-svg" ref={host} />
        {!data ? (
          <p className="hint">{t('growth.empty')}</p>
        ) : plot === null ? (
          <p className="hint">{t('growth.loading')}</p>
        ) : 'error' in plot ? (
          <p className="error-text" role="alert">
            {t('growth.error', { message: plot.error })}
          </p>
        ) : null}
      </div>
      <ul className="growth-legend">
        <li>
          <LegendSwatch kind="partners" theme={theme} /> {t('growth.partners')}
        </li>
        <li>
          <LegendSwatch kind="exchanges" theme={theme} /> {t('growth.exchanges')}
        </li>
        <li>
          <LegendSwatch kind="published" theme={theme} /> {t('growth.published')}
        </li>
        <li>
          <LegendSwatch kind="year" theme={theme} /> {t('growth.yearShown')}
        </li>
      </ul>
      {table === 'details' ? (
        <details className="growth-details">
          <summary>{t('growth.table')}</summary>
          <p className="hint">{summary}</p>
          {numbers}
        </details>
      ) : (
        <div className="visually-hidden">
          <p>{summary}</p>
          {numbers}
        </div>
      )}
    </figure>
  );
}
