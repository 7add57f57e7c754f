import type { Browser, Page } from 'playwright-core';
import { auditPage, type PageAudit } from './page-audit.ts';

export interface AtlasPage {
  page: Page;
  audit: PageAudit;
}

/** Opens the app and waits until the map has drawn the basemap and the thematic layers. */
export async function openAtlas(
  browser: Browser,
  origin: string,
  query = '',
  viewport = { width: 1400, height: 900 },
) {
  const page = await browser.newPage({ viewport });
  const audit = auditPage(page, origin);
  await page.goto(`${origin}/${query}`);
  await waitForData(page);
  return { page, audit };
}

export async function waitForData(page: Page): Promise<void> {
  await page.waitForSelector('.atlas-map[data-data-status="ready"]', { timeout: 60_000, state: 'attached' });
}

export async function arcCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('.atlas-map', 'data-arc-count'));
}

/** Chooses a company through the search box, as a keyboard user would. */
export async function searchAndPick(page: Page, text: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Search companies and resources' });
  await box.fill(text);
  await page.waitForSelector('[role="option"][aria-selected="true"]');
  await box.press('Enter');
}

/** Waits for the camera to settle after a fly-to or a click. */
export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.symbiosisAtlas?.map;
        if (!map) return resolve();
        if (!map.isMoving()) {
          map.once('idle', () => resolve());
          map.triggerRepaint();
        } else map.once('idle', () => resolve());
      }),
  );
}

/** Signs in through the top bar's dialog as staff do, and waits until the staff view has arrived. */
export async function signInAsStaff(page: Page, token: string): Promise<void> {
  await page.getByRole('button', { name: 'Staff sign-in' }).click();
  await page.getByLabel('Staff token').fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForSelector('.level-badge[data-level="secretariat"]');
  await waitForData(page);
}
