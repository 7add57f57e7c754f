import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { openAtlas, waitForData, waitForIdle } from '../support/atlas-page.ts';
import { saveScreenshot } from '../support/screenshots.ts';

interface ClusterEntry {
  id: string;
  count: number;
  members: string[];
  internal: number;
}

async function clusters(page: Page): Promise<ClusterEntry[]> {
  return page.locator('.cluster-list li').evaluateAll((items) =>
    items.map((item) => ({
      id: item.getAttribute('data-cluster') ?? '',
      count: Number(item.getAttribute('data-count')),
      members: (item.getAttribute('data-members') ?? '').split(' ').filter(Boolean),
      internal: Number(item.getAttribute('data-internal')),
    })),
  );
}

async function mapNumber(page: Page, attribute: string): Promise<number> {
  return Number(await page.getAttribute('.atlas-map', attribute));
}

/** The cluster a company is drawn in at the current zoom, if any. */
async function clusterOf(page: Page, companyId: string): Promise<ClusterEntry | undefined> {
  return (await clusters(page)).find((cluster) => cluster.members.includes(companyId));
}

/** Where on the page a company's cluster ring is drawn: at its members' centre, as supercluster puts it. */
async function clusterPixel(page: Page, companyId: string, companies: Map<string, [number, number]>) {
  const members = (await clusterOf(page, companyId))?.members ?? [];
  const points = members.map((id): [number, number] => companies.get(id) ?? [0, 0]);
  const lon = points.reduce((sum, point) => sum + point[0], 0) / points.length;
  const lat = points.reduce((sum, point) => sum + point[1], 0) / points.length;
  const pixel = await page.evaluate(
    ({ lon, lat }) => {
      const map = window.symbiosisAtlas?.map;
      const box = map?.getCanvas().getBoundingClientRect();
      const point = map?.project([lon, lat]);
      return point && box ? { x: box.left + point.x, y: box.top + point.y } : null;
    },
    { lon, lat },
  );
  if (!pixel) throw new Error('the map is not ready');
  return pixel;
}

const zoomOf = (page: Page) => page.evaluate(() => window.symbiosisAtlas?.map.getZoom() ?? 0);

describe('a flow map that reads at every zoom', () => {
  const atlas = atlasBrowser();
  let companies: Map<string, [number, number]>;

  beforeAll(async () => {
    const collection = (await (await fetch(`${atlas.server.origin}/api/companies`)).json()) as {
      features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[];
    };
    companies = new Map(collection.features.map((f) => [f.properties.id, f.geometry.coordinates]));
  });

  it('opens with Kalundborg harbour as one cluster that counts its companies and draws no zero-length flow', async () => {
    const { page, audit } = await openAtlas(atlas.browser, atlas.server.origin);
    const harbour = await clusterOf(page, 'novo-nordisk-kalundborg');
    expect(harbour).toBeDefined();
    expect(harbour?.members).toEqual(expect.arrayContaining(['asnaes-power-station', 'kalundborg-refinery']));
    expect(harbour?.count).toBe(harbour?.members.length);
    expect(new Set(harbour?.members).size).toBe(harbour?.count);
    for (const id of harbour?.members ?? []) expect(companies.has(id), id).toBe(true);
    // Its name and count are on the map.
    const label = await page.evaluate(() =>
      (window.symbiosisAtlas?.map.queryRenderedFeatures({ layers: ['cluster-labels'] }) ?? []).map((f) =>
        String(f.properties.text),
      ),
    );
    expect(
      label.some((text) => text.startsWith('Kalundborg ·') && text.includes(`${harbour?.count} companies`)),
    ).toBe(true);

    // Every company is in exactly one node; every flow is an arc between two nodes or counted inside one.
    const all = await clusters(page);
    const clustered = all.reduce((sum, cluster) => sum + cluster.count, 0);
    const standalone = (await mapNumber(page, 'data-node-count')) - all.length;
    expect(clustered + standalone).toBe(await mapNumber(page, 'data-company-count'));
    const internal = all.reduce((sum, cluster) => sum + cluster.internal, 0);
    expect(internal).toBeGreaterThan(0);
    expect((await mapNumber(page, 'data-arc-flow-count')) + internal).toBe(
      await mapNumber(page, 'data-flow-count'),
    );
    expect(await mapNumber(page, 'data-zero-length-arc-count')).toBe(0);

    await saveScreenshot(page, 'flow-map-opening-view');
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });

  it('zooms into a clicked cluster until it opens', async () => {
    const { page } = await openAtlas(atlas.browser, atlas.server.origin);
    await waitForIdle(page);
    const startZoom = await zoomOf(page);
    for (let click = 0; click < 8 && (await clusterOf(page, 'novo-nordisk-kalundborg')); click++) {
      const before = await zoomOf(page);
      const pixel = await clusterPixel(page, 'novo-nordisk-kalundborg', companies);
      await page.mouse.move(pixel.x, pixel.y);
      await page.locator('[data-tooltip="cluster"]').waitFor();
      await page.mouse.click(pixel.x, pixel.y);
      await expect.poll(() => zoomOf(page)).toBeGreaterThan(before);
      await waitForIdle(page);
      await waitForData(page);
    }
    expect(await clusterOf(page, 'novo-nordisk-kalundborg')).toBeUndefined();
    expect(await zoomOf(page)).toBeGreaterThan(startZoom);
    await saveScreenshot(page, 'flow-map-cluster-opened');
    await page.close();
  });

  it('shows a cluster’s flows in and out by resource on hover, quantities per unit and year', async () => {
    const { page } = await openAtlas(atlas.browser, atlas.server.origin);
    const pixel = await clusterPixel(page, 'novo-nordisk-kalundborg', companies);
    await page.mouse.move(pixel.x, pixel.y);
    const tooltip = page.locator('[data-tooltip="cluster"]');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('Kalundborg');
    expect(await tooltip.locator('.place-totals li').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'flow-map-cluster-totals');
    await page.close();
  });

  it('draws every company as its own marker with clustering switched off', async () => {
    const { page } = await openAtlas(atlas.browser, atlas.server.origin);
    await page.getByLabel('Group nearby companies').uncheck();
    await expect.poll(() => mapNumber(page, 'data-cluster-count')).toBe(0);
    expect(await mapNumber(page, 'data-node-count')).toBe(await mapNumber(page, 'data-company-count'));
    expect(page.url()).toContain('cluster=0');
    await page.close();
  });

  it('reads at harbour zoom: labels never overlap, the selected one always shows', async () => {
    const { page } = await openAtlas(atlas.browser, atlas.server.origin, '?at=11.105,55.666,14&sel=rgs-90');
    await waitForIdle(page);
    const shown = await page.evaluate(() =>
      (window.symbiosisAtlas?.map.queryRenderedFeatures({ layers: ['company-labels'] }) ?? []).map((f) =>
        String(f.properties.id),
      ),
    );
    expect(shown).toContain('rgs-90');
    await saveScreenshot(page, 'flow-map-harbour-z14');
    await page.close();
  });

  it('animates flows when presenting, and not for someone who prefers reduced motion', async () => {
    const moving = await atlas.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await moving.goto(`${atlas.server.origin}/present`);
    await waitForData(moving);
    expect(await moving.getAttribute('.atlas-map', 'data-flow-animation')).toBe('on');
    await moving.close();

    const still = await atlas.browser.newPage({
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'reduce',
    });
    await still.goto(`${atlas.server.origin}/present`);
    await waitForData(still);
    expect(await still.getAttribute('.atlas-map', 'data-flow-animation')).toBe('off');
    await still.close();
  });
});
