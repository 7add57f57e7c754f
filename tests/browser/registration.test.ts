import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { openAtlas, signInAsStaff, waitForData, waitForIdle } from '../support/atlas-page.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const staffToken = 'browser-test-staff-token-0123456789';
const companyName = 'Holbæk Tomato Growers';

/** A click on the map where the given place is drawn, as a person picks a site. */
async function clickMapAt(page: Page, lon: number, lat: number): Promise<void> {
  const point = await page.evaluate((at) => window.symbiosisAtlas?.map.project([at.lon, at.lat]), {
    lon,
    lat,
  });
  const box = await page.locator('.atlas-map').boundingBox();
  if (!point || !box) throw new Error('the map is not on the page');
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

const companyCount = async (page: Page) =>
  Number(await page.getAttribute('.atlas-map', 'data-company-count'));

describe('a company registering its side-streams, and the secretariat accepting it', () => {
  const atlas = atlasBrowser({ ATLAS_STAFF_TOKEN: staffToken });
  let reference = '';

  it('lets anyone send the form, with the site picked on the map, and gives a reference', async () => {
    const { page, audit } = await openAtlas(atlas.browser, atlas.server.origin, '?at=11.69,55.705,11');
    await page.getByRole('button', { name: 'Register your side-streams' }).click();
    const form = page.locator('form.reg-form');
    await expect.poll(() => form.isVisible()).toBe(true);

    // Sent empty, the form says in words what is missing, before anything travels.
    await form.getByRole('button', { name: 'Send the registration' }).click();
    const problems = form.getByRole('alert');
    await expect.poll(() => problems.textContent()).toContain('Write the company’s name.');
    expect(await problems.textContent()).toContain('Pick the site on the map');
    expect(await problems.textContent()).toContain('Side-stream 1: choose a resource.');
    await saveScreenshot(page, 'registration-form-errors');

    await form.getByLabel('Company name').fill(companyName);
    await form.getByLabel('What the company does (optional)').fill('Tomatoes under glass all year round.');
    await form.getByLabel('Name', { exact: true }).fill('Mette Jensen');
    await form.getByLabel('E-mail').fill('mette@tomato-growers.example.dk');
    await clickMapAt(page, 11.69, 55.705);
    await expect.poll(() => form.getByTestId('registration-site').textContent()).toContain('Holbæk');
    await form.getByLabel('Has or needs').selectOption('input');
    await form.getByLabel('Resource').selectOption('surplus-heat');
    await form.getByLabel('Quantity per year (optional)').fill('4000');
    await form.getByRole('radio', { name: 'Everyone, on the public map' }).check();
    // Corrected, the form has nothing more to say.
    await expect.poll(() => problems.count()).toBe(0);
    await waitForIdle(page);
    await page.locator('.right-panel').evaluate((panel) => panel.scrollTo(0, 0));
    await saveScreenshot(page, 'registration-form');
    await form.getByRole('button', { name: 'Add a side-stream' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'registration-form-streams');

    await form.getByRole('button', { name: 'Send the registration' }).click();
    const receipt = page.getByTestId('registration-receipt');
    await expect.poll(() => receipt.isVisible(), { timeout: 10_000 }).toBe(true);
    reference = (await receipt.locator('.reg-reference').textContent()) ?? '';
    expect(reference).toMatch(/^SA-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await receipt.textContent()).toContain('What happens next');
    await saveScreenshot(page, 'registration-reference');

    // Nothing is published by itself: the public map has no such company.
    const map = (await (await fetch(`${atlas.server.origin}/api/map/companies`)).json()) as {
      name: string;
    }[];
    expect(map.some((company) => company.name === companyName)).toBe(false);
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows it to staff in their queue; accepting it puts the company on the map with candidates', async () => {
    expect(reference).not.toBe('');
    const { page, audit } = await openAtlas(atlas.browser, atlas.server.origin, '?at=11.69,55.705,11');
    await signInAsStaff(page, staffToken);
    await expect.poll(() => companyCount(page)).toBeGreaterThan(0);
    const before = await companyCount(page);

    await page.getByRole('button', { name: 'Registrations (1)' }).click();
    const card = page.locator(`article.reg-card[data-reference="${reference}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toContain('mette@tomato-growers.example.dk');
    expect(await card.textContent()).toContain('Surplus heat');
    await saveScreenshot(page, 'registration-queue');

    await card.getByRole('button', { name: 'Accept as a new company' }).click();
    const details = page.locator('article.details');
    await expect
      .poll(() => details.locator('h2').first().textContent(), { timeout: 20_000 })
      .toBe(companyName);
    await waitForData(page);
    await expect.poll(() => companyCount(page)).toBe(before + 1);
    const candidates = details.locator('ol.row-list li');
    await expect.poll(() => candidates.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await candidates.first().textContent()).toContain('Surplus heat');
    await waitForIdle(page);
    await saveScreenshot(page, 'registration-accepted');

    // The queue now says what became of it.
    await page.getByRole('button', { name: 'Registrations', exact: true }).click();
    await expect.poll(() => card.textContent()).toContain('Accepted on');
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });
});
