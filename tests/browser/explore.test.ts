import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { arcCount, openAtlas, searchAndPick, waitForData, waitForIdle } from '../support/atlas-page.ts';
import { auditPage } from '../support/page-audit.ts';
import { saveScreenshot } from '../support/screenshots.ts';

describe('an analyst exploring the symbiosis', () => {
  const atlas = atlasBrowser({ ATLAS_CONTACT_EMAIL: 'secretariat@symbiosis-atlas.test' });

  it('draws exchanges as arcs, and a resource toggle hides and shows its arcs', async () => {
    // Every company on its own, so each exchange is its own arc (clustered, harbour flows are counted inside
    // the harbour's ring instead; flow-map.test.ts specifies that).
    const { page, audit } = await openAtlas(atlas.browser, atlas.server.origin, '?cluster=0');
    const all = await arcCount(page);
    expect(all).toBeGreaterThan(10);
    await saveScreenshot(page, 'explore-default');

    const steam = page.locator('[data-resource="steam"] input[type="checkbox"]');
    await steam.uncheck();
    await expect.poll(() => arcCount(page)).toBeLessThan(all);
    expect(await page.locator('[data-resource="steam"] .legend-count').textContent()).toContain('0');
    await steam.check();
    await expect.poll(() => arcCount(page)).toBe(all);

    await page.getByLabel('Computed candidates').check();
    await expect.poll(() => arcCount(page)).toBeGreaterThan(all);
    await waitForIdle(page);
    await saveScreenshot(page, 'explore-candidates');

    expect(audit.consoleErrors).toEqual([]);
    expect(audit.foreignRequests).toEqual([]);
    await page.close();
  });

  it('shows a selected partner’s streams, exchanges and candidate partners', async () => {
    const { page, audit } = await openAtlas(atlas.browser, atlas.server.origin);
    await searchAndPick(page, 'Novo Nordisk');
    const details = page.locator('article.details');
    await expect.poll(() => details.locator('h2').first().textContent()).toContain('Novo Nordisk');
    await expect.poll(() => details.locator('.row-list').first().locator('li').count()).toBeGreaterThan(2);
    expect(await details.getByText('Best candidate partners').count()).toBe(1);
    await waitForIdle(page);
    await saveScreenshot(page, 'explore-selected-company');

    // A candidate row flies to the partner and highlights the arc.
    const candidateRows = details.locator('ol.row-list li button');
    if ((await candidateRows.count()) > 0) {
      await candidateRows.first().click();
      await expect.poll(() => page.url()).toContain('arc=');
    }
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });

  it('finds partners around a Holbæk company, nearest first, each with a contact action', async () => {
    const { page } = await openAtlas(atlas.browser, atlas.server.origin);
    await searchAndPick(page, 'Holbæk Renseanlæg');
    await page.getByRole('button', { name: /Find partners near/ }).click();
    const finder = page.locator('section.details', { hasText: 'Partner finder' });
    await finder.getByLabel(/Radius/).selectOption('40');
    await finder.getByLabel('Resource').selectOption('');
    await finder.getByLabel('Looking for partners that').selectOption('');
    const rows = finder.locator('.partner-results li');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    const distances = await rows.locator('.muted').allTextContents();
    const km = distances.map((text) => Number.parseFloat(text.replace(',', '.')));
    expect([...km].sort((a, b) => a - b)).toEqual(km);
    expect(await rows.first().locator('a.contact').getAttribute('href')).toMatch(
      /^mailto:secretariat@symbiosis-atlas\.test\?subject=/,
    );
    await waitForIdle(page);
    await saveScreenshot(page, 'explore-partner-finder');
    await page.close();
  });

  it('restores the same view from a shared link', async () => {
    const { page } = await openAtlas(atlas.browser, atlas.server.origin);
    await page.getByRole('combobox', { name: 'Municipality', exact: true }).selectOption('0326');
    await page.locator('[data-resource="surface-water"] input').uncheck();
    await searchAndPick(page, 'Asnæs Power Station');
    await waitForIdle(page);
    const link = page.url();
    const arcs = await arcCount(page);
    await page.close();

    const reopened = await atlas.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await reopened.goto(link);
    await waitForData(reopened);
    expect(await reopened.getByRole('combobox', { name: 'Municipality', exact: true }).inputValue()).toBe(
      '0326',
    );
    expect(await reopened.locator('[data-resource="surface-water"] input').isChecked()).toBe(false);
    await expect.poll(() => reopened.locator('article.details h2').first().textContent()).toContain('Asnæs');
    expect(await arcCount(reopened)).toBe(arcs);
    const [lon, lat] = new URL(link).searchParams.get('at')?.split(',').map(Number) ?? [];
    const centre = await reopened.evaluate(() => window.symbiosisAtlas?.map.getCenter().toArray());
    expect(centre?.[0]).toBeCloseTo(lon ?? 0, 3);
    expect(centre?.[1]).toBeCloseTo(lat ?? 0, 3);
    await reopened.close();
  });

  it('lists the same companies and exchanges as a table for keyboard and screen-reader users', async () => {
    const { page } = await openAtlas(atlas.browser, atlas.server.origin, '?view=list');
    const tables = page.locator('.list-view table');
    expect(await tables.count()).toBe(2);
    expect(await tables.nth(0).locator('tbody tr').count()).toBeGreaterThan(20);
    await page.close();
  });

  it('says so when the API fails, offers a retry, and keeps the basemap', async () => {
    const page: Page = await atlas.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const audit = auditPage(page, atlas.server.origin);
    let failing = true;
    await page.route('**/api/map/companies', (route) =>
      failing
        ? route.fulfill({ status: 503, body: JSON.stringify({ error: 'Database is busy' }) })
        : route.continue(),
    );
    await page.goto(atlas.server.origin);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toContain('Database is busy');
    await page.waitForSelector('.atlas-map[data-map-status="idle"]', { state: 'attached' });
    await saveScreenshot(page, 'explore-api-error');
    expect(audit.foreignRequests).toEqual([]);

    failing = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForData(page);
    expect(await arcCount(page)).toBeGreaterThan(0);
    await page.close();
  });
});
