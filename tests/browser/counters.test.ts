import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { openAtlas, waitForData, waitForIdle } from '../support/atlas-page.ts';
import { auditPage } from '../support/page-audit.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// The records as the API serves them to an anonymous visitor: what the presentation's browser sees too.
interface ExchangeRecord {
  id: string;
  status: string;
  startYear: number | null;
  endYear: number | null;
  lastSeenYear?: number;
  quantity: { value: number | null; unit: string; band?: unknown; referenceYear?: number };
}
interface CompanyRecord {
  properties: { id: string; partnerSince: number | null; partnerUntil: number | null };
}
interface FigureRecord {
  id: string;
  metric: string;
  value: number;
  unit: string;
  year: number;
  headline: boolean;
}

// Recomputed here from the records, independently of the app's own rules.
function flowedIn(exchange: ExchangeRecord, year: number): boolean {
  if (exchange.status !== 'existing' && exchange.status !== 'historic') return false;
  if (exchange.startYear === null || exchange.startYear > year) return false;
  const last =
    exchange.status === 'existing'
      ? exchange.endYear
      : (exchange.endYear ?? exchange.lastSeenYear ?? exchange.startYear);
  return last === null || year <= last;
}

function endedYearUnknownIn(exchange: ExchangeRecord, year: number): boolean {
  if (exchange.status !== 'historic' || exchange.endYear !== null || exchange.startYear === null)
    return false;
  return year > (exchange.lastSeenYear ?? exchange.startYear);
}

function partnerIn(company: CompanyRecord, year: number): boolean {
  const { partnerSince, partnerUntil } = company.properties;
  return partnerSince !== null && partnerSince <= year && (partnerUntil === null || year <= partnerUntil);
}

const hasFigure = (exchange: ExchangeRecord) =>
  exchange.quantity.value !== null || 'band' in exchange.quantity;

/** A number as the English UI prints it ("635,000"). */
async function shownNumber(element: Locator): Promise<number> {
  const text = (await element.locator('.counter-value').first().textContent()) ?? '';
  return Number(text.replace(/,/g, ''));
}

async function counter(page: Page, name: string): Promise<number | null> {
  const element = page.locator(`.timeline [data-counter="${name}"]`);
  return (await element.count()) === 0 ? null : shownNumber(element);
}

describe('counters a delegation can trust', () => {
  const atlas = atlasBrowser();
  let exchanges: ExchangeRecord[];
  let companies: CompanyRecord[];
  let figures: FigureRecord[];

  beforeAll(async () => {
    const get = async <T>(path: string) => (await (await fetch(`${atlas.server.origin}${path}`)).json()) as T;
    exchanges = await get<ExchangeRecord[]>('/api/exchanges');
    companies = (await get<{ features: CompanyRecord[] }>('/api/companies')).features;
    figures = await get<FigureRecord[]>('/api/impact-figures');
  });

  it('step through 1975, 1995, 2010 and today, each counter a count of the records or a figure as published', async () => {
    const page = await atlas.browser.newPage({ viewport: { width: 1600, height: 900 } });
    const audit = auditPage(page, atlas.server.origin);
    await page.goto(`${atlas.server.origin}/present?lang=en&ch=1`);
    await waitForData(page);
    const slider = page.locator('.timeline input[type="range"]');
    const today = Number(await slider.getAttribute('max'));

    for (const year of [1975, 1995, 2010, today]) {
      await slider.fill(String(year));
      await expect.poll(() => page.getAttribute('.timeline .counters', 'data-year')).toBe(String(year));
      const flowing = exchanges.filter((e) => flowedIn(e, year));

      expect(await counter(page, 'partners'), `partners ${year}`).toBe(
        companies.filter((c) => partnerIn(c, year)).length,
      );
      expect(await counter(page, 'active-exchanges'), `flowing ${year}`).toBe(flowing.length);
      const endedUnknown = exchanges.filter((e) => endedYearUnknownIn(e, year)).length;
      expect(await counter(page, 'ended-year-unknown'), `ended, year unknown ${year}`).toBe(
        endedUnknown === 0 ? null : endedUnknown,
      );

      // Quantities: one entry per unit, a count of the flowing exchanges with a figure in that unit, with the
      // figures' own years. Never a total: the shown number is how many exchanges, not how much.
      const quantified = page.locator('.timeline [data-counter="quantified"]');
      const units = [...new Set(flowing.filter(hasFigure).map((e) => e.quantity.unit))].sort();
      expect((await quantified.evaluateAll((els) => els.map((el) => el.dataset.unit ?? ''))).sort()).toEqual(
        units,
      );
      for (const unit of units) {
        const entry = page.locator(`.timeline [data-counter="quantified"][data-unit="${unit}"]`);
        const behind = flowing.filter((e) => hasFigure(e) && e.quantity.unit === unit);
        expect(await shownNumber(entry), `${unit} in ${year}`).toBe(behind.length);
        expect((await entry.getAttribute('data-exchanges'))?.split(' ').sort()).toEqual(
          behind.map((e) => e.id).sort(),
        );
        const years = [
          ...new Set(behind.map((e) => e.quantity.referenceYear).filter((y) => y !== undefined)),
        ];
        expect(await entry.getAttribute('data-years')).toBe(years.sort((a, b) => a - b).join(','));
      }

      // Published figures: each one figure exactly as published, of a year up to the one shown, and the
      // latest of its metric and unit by then.
      const published = page.locator('.timeline [data-counter="published"]');
      for (const element of await published.all()) {
        const id = await element.getAttribute('data-figure');
        const figure = figures.find((f) => f.id === id);
        expect(figure?.headline).toBe(true);
        expect(await shownNumber(element)).toBe(figure?.value);
        expect(await element.getAttribute('data-unit')).toBe(figure?.unit);
        expect(Number(await element.getAttribute('data-years'))).toBe(figure?.year);
        expect(figure?.year ?? Infinity).toBeLessThanOrEqual(year);
        const later = figures.filter(
          (f) => f.headline && f.metric === figure?.metric && f.unit === figure.unit && f.year > figure.year,
        );
        expect(later.every((f) => f.year > year)).toBe(true);
      }
      if (year === 1975) expect(await published.count()).toBe(0);
      if (year === today) expect(await published.count()).toBeGreaterThan(0);

      // The chart's numbers for the year shown are the counters'.
      const row = page.locator(`.timeline [data-growth-year="${year}"]`);
      expect(Number(await row.locator('[data-series="partners"]').textContent())).toBe(
        await counter(page, 'partners'),
      );
      expect(Number(await row.locator('[data-series="exchanges"]').textContent())).toBe(
        await counter(page, 'active-exchanges'),
      );
      await page.waitForSelector('.timeline .growth-svg svg');
      await waitForIdle(page);
      await saveScreenshot(page, `counters-present-${year === today ? 'today' : year}`);
    }

    // A published figure's year and source on keyboard focus.
    const first = page.locator('.timeline [data-counter="published"]').first();
    await first.focus();
    const tip = first.locator('[role="tooltip"]');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toMatch(/Source: \S+/);
    await page.locator('.timeline').screenshot({ path: 'test-results/counters-present-timeline-tip.png' });
    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/present');

    expect(audit.consoleErrors).toEqual([]);
    expect(audit.foreignRequests).toEqual([]);
    await page.close();
  });

  it('open the explore screen’s stats panel with the same counts, following the year filter', async () => {
    const { page, audit } = await openAtlas(atlas.browser, atlas.server.origin, '?lang=da');
    const panel = page.locator('.stats-panel');
    await panel.locator('> summary').click();
    await page.waitForSelector('.stats-panel .growth-svg svg');
    expect(await panel.locator('figcaption').textContent()).toBe('Sådan voksede symbiosen');
    expect(await panel.locator('.growth-legend li').count()).toBe(4);
    expect(await panel.locator('svg[aria-label]').getAttribute('aria-label')).toBe('Sådan voksede symbiosen');

    await page.locator('#year-filter').fill('1995');
    await expect.poll(() => panel.getAttribute('data-year')).toBe('1995');
    const partners = Number(await panel.locator('[data-counter="partners"] .counter-value').textContent());
    expect(partners).toBe(companies.filter((c) => partnerIn(c, 1995)).length);
    const row = panel.locator('[data-growth-year="1995"]');
    expect(await row.getAttribute('class')).toBe('current');
    expect(Number(await row.locator('[data-series="partners"]').textContent())).toBe(partners);
    await page.locator('.left-panel').screenshot({ path: 'test-results/counters-stats-panel-da-1995.png' });
    await saveScreenshot(page, 'counters-stats-panel-da');
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });

  it.each([
    ['en', 'ended, year unknown (last reported'],
    ['da', 'ophørt, år ukendt (senest omtalt'],
  ] as const)('say when an ended exchange’s end year is unknown (%s)', async (language, words) => {
    const ended = exchanges.filter(
      (e) => e.status === 'historic' && e.endYear === null && e.startYear !== null,
    );
    expect(ended.length).toBeGreaterThan(0);
    const { page } = await openAtlas(
      atlas.browser,
      atlas.server.origin,
      `?lang=${language}&view=list&status=existing,historic&year=2024`,
    );
    const rows = page.locator('.list-view tr', { hasText: words });
    await expect.poll(() => rows.count()).toBe(ended.length);
    await page.close();
  });
});
