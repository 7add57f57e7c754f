// The secretariat's what-if scenario and its report to the councils, as staff use them in the browser.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAtlas } from '../support/atlas-page.ts';
import { launchChromium } from '../support/chromium.ts';
import { saveScreenshot, testResultsDir } from '../support/screenshots.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const staffToken = 'browser-test-staff-token-0123456789';
const holbaekToFors = 'cand-holbaek-wwtp-out-surplus-heat--fors-in-surplus-heat';
/** In Odsherred: shares no stream with the first, so both count. */
const nktToNykobing = 'cand-nkt-asnaes-out-surplus-heat--nykobing-sj-varmevaerk-in-surplus-heat';

async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Staff sign-in' }).click();
  await page.getByLabel('Staff token').fill(staffToken);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.locator('.level-badge').textContent()).toBe('Secretariat view');
}

/** The PDF's page count, as poppler reads it. */
function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** Renders every page of the PDF to test-results/<name>-<n>.png, to be looked at. */
function renderPdf(file: string, name: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '70', file, path.join(testResultsDir, name)]);
}

describe('the secretariat’s workbench', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ ATLAS_STAFF_TOKEN: staffToken });
    // Known quantities, as a resource check would record them, so that the candidates have an estimate.
    for (const [stream, value] of [
      ['holbaek-wwtp-out-surplus-heat', 20_000],
      ['nkt-asnaes-out-surplus-heat', 6000],
      ['nykobing-sj-varmevaerk-in-surplus-heat', 9000],
      ['fors-in-surplus-heat', 15_000],
    ] as const) {
      const answer = await fetch(`${server.origin}/api/streams/${stream}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ quantity: { value, unit: 'MWh/yr' } }),
      });
      expect(answer.status).toBe(200);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a scenario of two candidates with net CO₂ and its factors, saves it and shares it by link', async () => {
    const { page, audit } = await openAtlas(
      browser,
      server.origin,
      `?cand=1&arc=${holbaekToFors}&at=11.71,55.71,12`,
    );
    await signIn(page);
    // From a candidate's details on the map: add it to the scenario.
    const details = page.locator('article.details');
    await details.getByRole('button', { name: 'Add to scenario' }).click();
    await expect.poll(() => details.getByRole('button', { name: /In the scenario/ }).isDisabled()).toBe(true);
    await page.getByRole('radio', { name: 'Scenario' }).check();

    const panel = page.locator('.wb-scenario');
    await expect.poll(() => panel.locator(`input[data-candidate="${nktToNykobing}"]`).count()).toBe(1);
    expect(await panel.locator(`input[data-candidate="${holbaekToFors}"]`).isChecked()).toBe(true);
    await panel.locator(`input[data-candidate="${nktToNykobing}"]`).check();
    await expect.poll(() => panel.locator('tr[data-line][data-state="computed"]').count()).toBe(2);

    const co2 = panel.locator('tr[data-metric="co2"]');
    const net = Number(await co2.getAttribute('data-net'));
    expect(net).toBeGreaterThan(0);
    expect(await co2.textContent()).toContain('estimate');
    const factors = await panel.locator('.wb-factors').textContent();
    expect(factors).toContain('natural-gas boiler');
    expect(factors).toContain('district heat & steam');
    expect(factors).toContain('greenhouse-gas-reporting-conversion-factors-2025');
    expect(await panel.locator('.wb-today').textContent()).toContain('Today, from sources');

    await panel.getByLabel('Scenario name').fill('Surplus heat for Fors');
    await panel.getByRole('button', { name: 'Save scenario' }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('scenario') ?? '')
      .toMatch(/^sc-[0-9a-f]{12}$/);
    const shared = page.url();
    await saveScreenshot(page, 'workbench-scenario');

    // Printed, it is one page.
    const pdfFile = path.join(testResultsDir, 'workbench-scenario.pdf');
    await writeFile(pdfFile, await page.pdf({ format: 'A4' }));
    expect(pdfPages(pdfFile)).toBe(1);
    renderPdf(pdfFile, 'workbench-scenario-print');
    expect(audit.consoleErrors).toEqual([]);
    await page.close();

    // A colleague opening the link sees the same scenario.
    const colleague = await openAtlas(browser, server.origin, new URL(shared).search);
    await signIn(colleague.page);
    const theirs = colleague.page.locator('.wb-scenario');
    await expect.poll(() => theirs.locator('h2').textContent()).toContain('Surplus heat for Fors');
    await expect.poll(() => theirs.locator('tr[data-line]').count()).toBe(2);
    expect(Number(await theirs.locator('tr[data-metric="co2"]').getAttribute('data-net'))).toBe(net);
    await colleague.page.close();
  });

  it('prints the 2013–2014 report to the councils on one A4 page per municipality', async () => {
    const { page, audit } = await openAtlas(browser, server.origin, '?view=report&period=2013-2014');
    await signIn(page);
    const pages = page.locator('.wb-report-page');
    await expect.poll(() => pages.count(), { timeout: 20_000 }).toBe(3);
    const kalundborg = page.locator('.wb-report-page[data-municipality="0326"]');
    await expect.poll(() => kalundborg.locator('svg.wb-map-svg').count()).toBe(1);
    expect(await kalundborg.locator('[data-list="started"]').textContent()).toContain('Novonesis');
    expect(
      await kalundborg.locator('[data-sourced="novo-nordisk-wastewater-to-novonesis"]').textContent(),
    ).toContain('21,000');
    expect(await kalundborg.locator('tr[data-measure="exchanges-ended"]').getAttribute('data-value')).toBe(
      '4',
    );
    expect(
      await page.locator('.wb-report-page[data-municipality="0316"] [data-list="started"]').textContent(),
    ).toContain('None in the period');
    await saveScreenshot(page, 'workbench-report');

    const pdfFile = path.join(testResultsDir, 'workbench-report-2013-2014.pdf');
    await writeFile(pdfFile, await page.pdf({ format: 'A4' }));
    expect(pdfPages(pdfFile)).toBe(3);
    renderPdf(pdfFile, 'workbench-report-print');
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });
});
