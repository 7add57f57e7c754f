import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { story } from '../../src/app/present/story.ts';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { arcCount, waitForData, waitForIdle } from '../support/atlas-page.ts';
import { auditPage } from '../support/page-audit.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const geodata = path.resolve(import.meta.dirname, '../../geodata');

/** Ids of everything only the secretariat may see, straight from the seed data. */
async function secretariatOnlyIds(): Promise<string[]> {
  type Visible = { id: string; visibility: string };
  const companies = JSON.parse(await readFile(path.join(geodata, 'companies.geojson'), 'utf8')) as {
    features: { properties: Visible & { streams: Visible[] } }[];
  };
  const exchanges = JSON.parse(await readFile(path.join(geodata, 'exchanges.json'), 'utf8')) as Visible[];
  const hidden = (records: Visible[]) =>
    records.filter((r) => r.visibility === 'secretariat').map((r) => r.id);
  return [
    ...hidden(companies.features.map((f) => f.properties)),
    ...hidden(companies.features.flatMap((f) => f.properties.streams)),
    ...hidden(exchanges),
  ];
}

async function counter(page: Page, name: string): Promise<number> {
  const value = page.locator(`.timeline [data-counter="${name}"] .counter-value`);
  return Number((await value.textContent())?.replace(/\D/g, ''));
}

describe('presenting to a visiting delegation', () => {
  const atlas = atlasBrowser();

  it.each(['en', 'da'] as const)('steps through every chapter with the keyboard (%s)', async (language) => {
    const page = await atlas.browser.newPage({ viewport: { width: 1600, height: 900 } });
    const audit = auditPage(page, atlas.server.origin);
    const apiBodies: string[] = [];
    page.on('response', async (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/'))
        apiBodies.push(await response.text().catch(() => ''));
    });
    await page.goto(`${atlas.server.origin}/present?lang=${language}`);
    await waitForData(page);
    expect(await page.locator('.key-hints').isVisible()).toBe(true);

    for (const [index, chapter] of story.entries()) {
      await expect.poll(() => page.getAttribute('.present-mode', 'data-chapter')).toBe(chapter.id);
      expect(await page.getAttribute('.present-mode', 'data-year')).toBe(String(chapter.year ?? 'today'));
      expect(await page.locator('#chapter-title').textContent()).toBe(chapter.title[language]);
      await waitForIdle(page);
      expect(await arcCount(page)).toBeGreaterThan(0);
      await saveScreenshot(page, `present-${language}-${index + 1}-${chapter.id}`);
      await page.keyboard.press('ArrowRight');
    }

    expect(audit.consoleErrors).toEqual([]);
    expect(audit.foreignRequests).toEqual([]);
    expect(audit.failedRequests).toEqual([]);
    // Presenting anonymously: nothing the secretariat keeps to itself reaches the projector's atlas.browser.
    const hidden = await secretariatOnlyIds();
    expect(hidden.length).toBeGreaterThan(0);
    for (const id of hidden) {
      expect(
        apiBodies.some((body) => body.includes(`"${id}"`)),
        id,
      ).toBe(false);
    }
    await page.close();
  });

  it('plays the timeline: fewer exchanges flow in 1975 than in 1995, and Space and Esc work', async () => {
    const page = await atlas.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${atlas.server.origin}/present?lang=en&ch=1`);
    await waitForData(page);
    const slider = page.locator('.timeline input[type="range"]');
    await slider.fill('1975');
    await expect.poll(() => page.locator('.year-display').textContent()).toBe('1975');
    const in1975 = await counter(page, 'active-exchanges');
    await slider.fill('1995');
    await expect.poll(() => page.locator('.year-display').textContent()).toBe('1995');
    const in1995 = await counter(page, 'active-exchanges');
    expect(in1975).toBeGreaterThan(0);
    expect(in1975).toBeLessThan(in1995);

    await page.keyboard.press(' ');
    await expect
      .poll(async () => Number(await page.locator('.year-display').textContent()), { timeout: 10_000 })
      .toBeGreaterThan(1996);
    await page.keyboard.press(' ');

    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await page.close();
  });
});
