import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAtlas, waitForData, waitForIdle } from '../support/atlas-page.ts';
import { launchChromium } from '../support/chromium.ts';
import { saveScreenshot, testResultsDir } from '../support/screenshots.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const staffToken = 'browser-test-staff-token-pipeline-0123';
/** The seed's recorded candidate: Kalundborg Forsyning's surplus heat to FORS. */
const candidateId = 'kalundborg-forsyning-surplus-heat-to-fors';
const proposalId = 'kalundborg-forsyning-cooling-water-to-novo-nordisk';

async function signIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Staff sign-in' }).click();
  await page.getByLabel('Staff token').fill(staffToken);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.locator('.level-badge').textContent()).toBe('Secretariat view');
  await waitForData(page);
}

describe('secretariat staff working an opportunity through the pipeline', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ ATLAS_STAFF_TOKEN: staffToken });
    browser = await launchChromium();
    // Another opportunity whose next step is long past, so the board has an overdue card to mark.
    const overdue = await fetch(`${server.origin}/api/pipeline/${proposalId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ owner: 'MB', nextStep: { text: 'Send the draft contract', due: '2024-01-15' } }),
    });
    expect(overdue.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('takes a recorded candidate through screening to agreement with a note and a due date; the board and the map both show it', async () => {
    const { page, audit } = await openAtlas(browser, server.origin, '?at=11.3,55.6,9&cluster=0');
    await signIn(page);

    // From the board: the candidate starts as an idea, with nothing recorded yet.
    await page.getByRole('button', { name: 'Board', exact: true }).click();
    const board = page.locator('.board-view[data-pipeline-board="ready"]');
    await board.waitFor();
    const ideaCard = board.locator(`.board-column[data-stage="idea"] [data-exchange="${candidateId}"]`);
    await expect.poll(() => ideaCard.count()).toBe(1);
    expect(await ideaCard.textContent()).toContain('No owner yet');
    await ideaCard.click();

    // The card opened its arc on the map, with the pipeline in the details panel.
    await expect.poll(() => page.getAttribute('.atlas-map', 'data-highlighted-arc')).toBe(candidateId);
    // …and flew there: both ends of the arc are on screen, beside the panels, once the camera rests.
    const entry = (await (
      await fetch(`${server.origin}/api/pipeline/${candidateId}`, {
        headers: { authorization: `Bearer ${staffToken}` },
      })
    ).json()) as { from: { lon: number; lat: number }; to: { lon: number; lat: number } };
    await expect
      .poll(
        () =>
          page.evaluate(
            (ends) => {
              const map = window.symbiosisAtlas?.map;
              if (!map || map.isMoving()) return false;
              const { clientWidth, clientHeight } = map.getContainer();
              return ends.every(({ lon, lat }) => {
                const { x, y } = map.project([lon, lat]);
                return x > 0 && x < clientWidth && y > 0 && y < clientHeight;
              });
            },
            [entry.from, entry.to],
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    const panel = page.locator(`section.pipeline-panel[data-pipeline="${candidateId}"]`);
    await panel.waitFor();
    await expect.poll(() => panel.locator('.pipeline-stage').getAttribute('data-stage')).toBe('idea');
    // The lifecycle allows no jump from idea straight to operating: the choice is greyed out.
    expect(await panel.locator('option[value="operating"]').isDisabled()).toBe(true);

    await panel.getByLabel('Stage').selectOption('screening');
    await panel.getByLabel('Owner').fill('AK');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.locator('.pipeline-stage').getAttribute('data-stage')).toBe('screening');

    await panel.getByLabel('New note').fill('FORS confirms a heat pump at the treatment plant is budgeted.');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => panel.locator('.pipeline-notes li').count()).toBe(1);

    await panel.getByLabel('Stage').selectOption('agreement');
    await panel.getByLabel('Next step').fill('Sign the heat supply agreement');
    await panel.getByLabel('Due date').fill('2030-09-30');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.locator('.pipeline-stage').getAttribute('data-stage')).toBe('agreement');
    // The exchange itself moved on: proposed, as the public map shows it.
    await expect.poll(() => page.locator('article.details').textContent()).toContain('Proposed');

    // The map marks the arc with the agreement ring, and the legend lists the stage.
    await expect
      .poll(() => page.getAttribute('.atlas-map', 'data-arc-stages'))
      .toContain(`${candidateId}:agreement`);
    await waitForIdle(page);
    const marks = await page.evaluate(
      () =>
        window.symbiosisAtlas?.map
          .queryRenderedFeatures({ layers: ['pipeline-stage-marks'] })
          .map((feature) => `${feature.properties.arcId}:${feature.properties.stage}`) ?? [],
    );
    expect(marks).toContain(`${candidateId}:agreement`);
    const legend = page.locator('[data-pipeline-legend]');
    expect(await legend.locator('.legend-row[data-stage="agreement"]').textContent()).toContain('Agreement');
    await saveScreenshot(page, 'pipeline-panel');
    await page.locator('.right-panel').evaluate((panel) => panel.scrollTo(0, 0));
    await saveScreenshot(page, 'pipeline-map-agreement');
    // A close-up of the ring, to check it reads over the arc and its selection casing.
    const ring = await page.evaluate((id) => {
      const map = window.symbiosisAtlas?.map;
      const mark = map
        ?.queryRenderedFeatures({ layers: ['pipeline-stage-marks'] })
        .find((feature) => feature.properties.arcId === id);
      return mark?.geometry.type === 'Point'
        ? map?.project(mark.geometry.coordinates as [number, number])
        : null;
    }, candidateId);
    const stage = await page.locator('.atlas-map').boundingBox();
    if (!ring || !stage) throw new Error('the stage ring is not on the map');
    await page.screenshot({
      path: path.join(testResultsDir, 'pipeline-stage-ring.png'),
      clip: { x: stage.x + ring.x - 120, y: stage.y + ring.y - 60, width: 240, height: 120 },
    });

    // Back on the board: the card is in the Agreement column with its owner and due date.
    await panel.getByRole('button', { name: 'Board' }).click();
    const agreementCard = page.locator(
      `.board-column[data-stage="agreement"] [data-exchange="${candidateId}"]`,
    );
    await expect.poll(() => agreementCard.count()).toBe(1);
    const card = (await agreementCard.textContent()) ?? '';
    expect(card).toContain('Owner: AK');
    expect(card).toContain('Sign the heat supply agreement');
    expect(card).toMatch(/Due 30 Sept? 2030/);
    expect(card).not.toContain('Overdue');
    const overdueCard = page.locator(`[data-exchange="${proposalId}"]`);
    expect(await overdueCard.textContent()).toContain('Overdue');
    expect(await overdueCard.getAttribute('class')).toContain('overdue');
    await saveScreenshot(page, 'pipeline-board');
    await page.getByRole('radio', { name: 'DA', exact: true }).check();
    await expect.poll(() => page.locator('.board-view h2').textContent()).toBe('Pipeline-tavle');
    expect(await overdueCard.textContent()).toContain('Overskredet');
    await saveScreenshot(page, 'pipeline-board-da');
    await page.getByRole('radio', { name: 'EN', exact: true }).check();

    // Filtering by owner leaves AK's card alone.
    await page.locator('.board-filters').getByLabel('Owner').selectOption('AK');
    await expect.poll(() => page.locator('.board-card').count()).toBe(1);

    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows the public neither the stage rings nor the board', async () => {
    const { page, audit } = await openAtlas(browser, server.origin, '?view=board');
    expect(await page.locator('.board-view').textContent()).toContain('for secretariat staff');
    expect(await page.getByRole('button', { name: 'Board', exact: true }).count()).toBe(0);
    expect(await page.getAttribute('.atlas-map', 'data-arc-stages')).toBe('');
    expect(await page.locator('[data-pipeline-legend]').count()).toBe(0);
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });
});
