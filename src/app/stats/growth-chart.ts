import type * as Plot from '@observablehq/plot';
import type { ImpactFigure } from '../../domain/impact.ts';
import { type GrowthData, type GrowthPoint, pointAt, type YearRow, yearRows } from './growth-data.ts';

/** Observable Plot, passed in: the chart module is loaded with import() so it never enters the first screen. */
export type PlotModule = typeof Plot;

export type ChartTheme = 'dark' | 'light';

/** Each series differs in line style and marker shape as well as shade, so the chart reads in greyscale. */
export const seriesStyle = {
  partners: { dash: 'none', symbol: 'circle', width: 2.2 },
  exchanges: { dash: '5,3', symbol: 'square', width: 1.8 },
  published: { symbol: 'diamond' },
} as const;

export const themeColours: Record<
  ChartTheme,
  { partners: string; exchanges: string; ink: string; rule: string }
> = {
  dark: { partners: '#ffffff', exchanges: '#9fd3e6', ink: '#e8eef1', rule: '#e69f00' },
  light: { partners: '#22303a', exchanges: '#1f6f8b', ink: '#22303a', rule: '#b36b00' },
};

interface PublishedYear {
  year: number;
  figures: ImpactFigure[];
}

function publishedYears(figures: readonly ImpactFigure[]): PublishedYear[] {
  const byYear = new Map<number, ImpactFigure[]>();
  for (const figure of figures) byYear.set(figure.year, [...(byYear.get(figure.year) ?? []), figure]);
  return [...byYear.entries()].map(([year, members]) => ({ year, figures: members }));
}

export interface GrowthChartInput {
  data: GrowthData;
  year: number;
  width: number;
  height: number;
  theme: ChartTheme;
  labels: {
    yearAxis: string;
    countAxis: string;
    title: string;
    summary: string;
    partners: string;
    exchanges: string;
  };
  /** The hover text of a published figure's point: its label, value, year and source. */
  describeFigure: (figure: ImpactFigure) => string;
}

const DECADE = 10;
const MARGIN_LEFT = 30;
const MARGIN_RIGHT = 10;
/** Room the bold label of the year shown needs beside a tick label, in pixels. */
const YEAR_LABEL_ROOM_PX = 28;

function decadeTicks(data: GrowthData): number[] {
  const ticks: number[] = [];
  for (let year = Math.ceil(data.firstYear / DECADE) * DECADE; year <= data.lastYear; year += DECADE)
    ticks.push(year);
  return ticks;
}

/**
 * The growth chart as an SVG: partners (solid, circles) and flowing exchanges (dashed, squares) per year as
 * steps, since counts change from one year to the next; the published headline figures as hollow diamonds
 * at their years along the top, one per year with its figures on hover (their units differ, so they have no
 * height on the count axis); a rule at the year shown.
 */
export function drawGrowthChart(plot: PlotModule, input: GrowthChartInput): SVGSVGElement | HTMLElement {
  const { data, year, theme } = input;
  const colours = themeColours[theme];
  const series = (name: GrowthPoint['series']) => data.points.filter((p) => p.series === name);
  const max = Math.max(1, ...data.points.map((p) => p.value));
  const marked = (name: GrowthPoint['series']) =>
    series(name).filter((p) => p.year === year || p.year % DECADE === 0 || p.year === data.lastYear);
  const shown = Math.min(Math.max(year, data.firstYear), data.lastYear);
  const pxPerYear = (input.width - MARGIN_LEFT - MARGIN_RIGHT) / Math.max(1, data.lastYear - data.firstYear);
  // The label of the year shown stays inside the chart at either end.
  const nearEnd = (data.lastYear - shown) * pxPerYear < YEAR_LABEL_ROOM_PX / 2;
  const nearStart = (shown - data.firstYear) * pxPerYear < YEAR_LABEL_ROOM_PX / 2;
  const line = (name: GrowthPoint['series']) =>
    plot.lineY(series(name), {
      x: 'year',
      y: 'value',
      curve: 'step-after',
      stroke: colours[name],
      strokeWidth: seriesStyle[name].width,
      strokeDasharray: seriesStyle[name].dash,
    });
  const markers = (name: GrowthPoint['series']) =>
    plot.dot(marked(name), {
      x: 'year',
      y: 'value',
      symbol: seriesStyle[name].symbol,
      r: 3,
      fill: name === 'partners' ? colours.partners : theme === 'dark' ? '#102630' : '#ffffff',
      stroke: colours[name],
      strokeWidth: 1.4,
    });

  return plot.plot({
    width: input.width,
    height: input.height,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    marginTop: 18,
    marginBottom: 30,
    ariaLabel: input.labels.title,
    ariaDescription: input.labels.summary,
    style: { background: 'transparent', color: colours.ink, fontSize: '10px', overflow: 'visible' },
    // Decade ticks, leaving room for the label of the year shown.
    x: {
      domain: [data.firstYear, data.lastYear],
      label: input.labels.yearAxis,
      tickFormat: 'd',
      ticks: decadeTicks(data).filter(
        // An end-anchored label reaches a whole label's width to one side.
        (tick) => Math.abs(tick - shown) * pxPerYear > YEAR_LABEL_ROOM_PX * (nearEnd || nearStart ? 1.6 : 1),
      ),
    },
    y: { domain: [0, Math.ceil(max * 1.1)], label: input.labels.countAxis, grid: true, ticks: 4 },
    marks: [
      plot.ruleY([0], { stroke: colours.ink, strokeOpacity: 0.5 }),
      plot.ruleX([shown], { stroke: colours.rule, strokeWidth: 2 }),
      line('partners'),
      line('exchanges'),
      markers('partners'),
      markers('exchanges'),
      plot.dot(publishedYears(data.published), {
        x: 'year',
        frameAnchor: 'top',
        dy: -7,
        r: 4,
        symbol: seriesStyle.published.symbol,
        stroke: colours.ink,
        strokeWidth: 1.4,
        fill: 'none',
        title: (entry: PublishedYear) => entry.figures.map(input.describeFigure).join('\n\n'),
      }),
      plot.text([shown], {
        x: (d: number) => d,
        frameAnchor: 'bottom',
        dy: 4,
        lineAnchor: 'top',
        textAnchor: nearEnd ? 'end' : nearStart ? 'start' : 'middle',
        text: (d: number) => String(d),
        fill: colours.rule,
        fontWeight: 700,
        stroke: theme === 'dark' ? '#102630' : '#ffffff',
        strokeWidth: 3,
        paintOrder: 'stroke',
      }),
      plot.tip(
        yearRows(data),
        plot.pointerX({
          x: 'year',
          y: 'partners',
          title: (row: YearRow) =>
            `${row.year}\n${input.labels.partners}: ${row.partners}\n${input.labels.exchanges}: ${row.exchanges}`,
          fontSize: 10,
        }),
      ),
    ],
  });
}

/** What the chart says in words, for its aria description and the summary under it. */
export function growthSummaryValues(data: GrowthData, year: number) {
  const at = (series: GrowthPoint['series'], y: number) => pointAt(data, series, y) ?? 0;
  return {
    from: data.firstYear,
    to: data.lastYear,
    partnersFrom: at('partners', data.firstYear),
    partnersTo: at('partners', data.lastYear),
    exchangesFrom: at('exchanges', data.firstYear),
    exchangesTo: at('exchanges', data.lastYear),
    year,
    partners: at('partners', year),
    exchanges: at('exchanges', year),
    published: data.published.length,
  };
}
