import { describe, expect, it } from 'vitest';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { openAtlas, signInAsStaff, waitForData, waitForIdle } from '../support/atlas-page.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const staffToken = 'browser-test-staff-token-0123456789';

describe('secretariat staff registering a company', () => {
  const atlas = atlasBrowser({ ATLAS_STAFF_TOKEN: staffToken });

  it('signs in, places a company on the map, adds its heat need and sees candidates at once', async () => {
    const { page, audit } = await openAtlas(atlas.browser, atlas.server.origin, '?at=11.69,55.705,11');
    await signInAsStaff(page, staffToken);
    await expect.poll(() => page.locator('.level-badge').textContent()).toBe('Secretariat view');
    // Signing in refetches everything at the staff level: count once the staff view has arrived.
    await expect
      .poll(async () => Number(await page.getAttribute('.atlas-map', 'data-company-count')))
      .toBeGreaterThan(0);
    await waitForData(page);
    const companiesBefore = Number(await page.getAttribute('.atlas-map', 'data-company-count'));

    await page.getByRole('button', { name: 'Add company' }).click();
    const point = await page.evaluate(() => window.symbiosisAtlas?.map.project([11.69, 55.705]));
    const box = await page.locator('.atlas-map').boundingBox();
    if (!point || !box) throw new Error('the map is not on the page');
    await page.mouse.click(box.x + point.x, box.y + point.y);

    const form = page.locator('form', { hasText: 'New company' });
    await form.getByLabel('Name').fill('Holbæk Greenhouse Cooperative');
    await form.getByLabel('Description (English)').fill('Greenhouses that could use surplus heat.');
    await form.getByRole('button', { name: 'Save' }).click();

    const details = page.locator('article.details');
    await expect
      .poll(() => details.locator('h2').first().textContent())
      .toBe('Holbæk Greenhouse Cooperative');
    await expect
      .poll(async () => Number(await page.getAttribute('.atlas-map', 'data-company-count')))
      .toBe(companiesBefore + 1);

    const streamForm = details.locator('section.staff-box');
    await streamForm.getByLabel('Direction').selectOption('input');
    await streamForm.getByLabel('Resource').selectOption('surplus-heat');
    await streamForm.getByRole('button', { name: 'Save' }).click();
    const candidates = details.locator('ol.row-list li');
    await expect.poll(() => candidates.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await candidates.first().textContent()).toContain('Surplus heat');

    await waitForIdle(page);
    await saveScreenshot(page, 'staff-new-company');
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });

  it('tells staff when a flow was changed by someone else, and lets them reload or overwrite', async () => {
    const { page, audit } = await openAtlas(atlas.browser, atlas.server.origin, '?view=list&cluster=0');
    await signInAsStaff(page, staffToken);
    await expect.poll(() => page.locator('.level-badge').textContent()).toBe('Secretariat view');
    await waitForData(page);
    const row = page
      .locator('tr', { hasText: 'Asnæs Power Station' })
      .filter({ hasText: 'Novo Nordisk Kalundborg' })
      .filter({ hasText: 'Steam' });
    await row.first().getByRole('button', { name: 'Steam' }).click();
    const details = page.locator('article.details');
    const move = details.getByRole('button', { name: 'Move to Historic' });
    await expect.poll(() => move.isEnabled()).toBe(true);

    // Meanwhile another editor changes the same exchange.
    const other = await fetch(`${atlas.server.origin}/api/exchanges/asnaes-steam-to-novo-nordisk`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ notes: 'Checked with Ørsted by another editor.' }),
    });
    expect(other.status).toBe(200);

    await move.click();
    const conflict = details.getByRole('alert');
    await expect.poll(() => conflict.textContent()).toContain('Changed by someone else');
    await saveScreenshot(page, 'staff-edit-conflict');
    await conflict.getByRole('button', { name: 'Overwrite' }).click();
    await expect.poll(() => conflict.count()).toBe(0);
    const stored = (await (
      await fetch(`${atlas.server.origin}/api/exchanges/asnaes-steam-to-novo-nordisk`, {
        headers: { authorization: `Bearer ${staffToken}` },
      })
    ).json()) as { status: string; notes: string };
    expect(stored).toMatchObject({ status: 'historic', notes: 'Checked with Ørsted by another editor.' });
    expect(audit.consoleErrors.filter((line) => !line.includes('412'))).toEqual([]);
    await page.close();
  });

  it('shows the server’s reason when a write is refused', async () => {
    const { page } = await openAtlas(atlas.browser, atlas.server.origin);
    await page.getByRole('button', { name: 'Staff sign-in' }).click();
    await page.getByLabel('Staff token').fill('not-the-right-token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // Every read with a wrong token is refused: the app says why instead of showing an empty map.
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('not valid');
    await page.close();
  });
});
