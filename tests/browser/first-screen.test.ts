import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { regionMunicipalities } from '../../src/domain/basemap.ts';
import { basemapPalette } from '../../src/map/basemap-palette.ts';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { auditPage, type PageAudit } from '../support/page-audit.ts';
import { colourShare } from '../support/pixels.ts';
import { saveScreenshot } from '../support/screenshots.ts';

describe('the first screen: an offline map of north-west Zealand', () => {
  const atlas = atlasBrowser();
  let page: Page;
  let audit: PageAudit;
  let screenshot: Buffer;
  const apiRequests: string[] = [];

  beforeAll(async () => {
    page = await atlas.browser.newPage({ viewport: { width: 1280, height: 800 } });
    audit = auditPage(page, atlas.server.origin);
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/')) apiRequests.push(pathname);
    });
    await page.goto(atlas.server.origin);
    await page.waitForSelector('[data-map-status="idle"]', { timeout: 60_000 });
    screenshot = await saveScreenshot(page, 'first-screen');
  });

  it('loads without console errors or failed requests', () => {
    expect(audit.consoleErrors).toEqual([]);
    expect(audit.failedRequests).toEqual([]);
  });

  it('requests nothing from any host but its own', () => {
    expect(audit.foreignRequests).toEqual([]);
  });

  it('asks for the map’s data while its JavaScript is still loading, and for each read once', async () => {
    const mapReads = ['/api/basemap', '/api/resources', '/api/map/companies', '/api/exchanges'];
    for (const path of mapReads) expect(apiRequests.filter((request) => request === path)).toEqual([path]);
    const preloaded = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'link')
        .map((entry) => new URL(entry.name).pathname),
    );
    expect(preloaded).toEqual(expect.arrayContaining(mapReads));
  });

  it('draws both sea and land (the canvas is not blank)', () => {
    expect(colourShare(screenshot, basemapPalette.sea)).toBeGreaterThan(0.05);
    const landShare =
      colourShare(screenshot, basemapPalette.land, 10) +
      regionMunicipalities.reduce(
        (sum, m) => sum + colourShare(screenshot, blend(basemapPalette.regionFill[m.code], 0.75), 12),
        0,
      );
    expect(landShare).toBeGreaterThan(0.2);
  });

  it('opens framed on Kalundborg, Holbæk and Odsherred', async () => {
    const bounds = await page.evaluate(() => window.symbiosisAtlas?.map.getBounds().toArray());
    expect(bounds).toBeDefined();
    const [[west, south], [east, north]] = bounds as [[number, number], [number, number]];
    // Kalundborg town, Holbæk town, Nykøbing Sjælland and Høng are all in view.
    for (const [lon, lat] of [
      [11.085, 55.6814],
      [11.7103, 55.7181],
      [11.6686, 55.9225],
      [11.2919, 55.5044],
    ] as const) {
      expect(lon).toBeGreaterThan(west);
      expect(lon).toBeLessThan(east);
      expect(lat).toBeGreaterThan(south);
      expect(lat).toBeLessThan(north);
    }
  });

  it('labels the towns and Lake Tissø', async () => {
    const names = await renderedNames(page, 'place-labels');
    expect(names).toEqual(expect.arrayContaining(['Kalundborg', 'Holbæk', 'Nykøbing Sjælland', 'Tissø']));
  });

  it('credits its data sources and offers navigation and scale controls', async () => {
    const attribution = (await page.locator('.maplibregl-ctrl-attrib').textContent()) ?? '';
    expect(attribution).toContain('GSHHG');
    expect(await page.locator('.maplibregl-ctrl-zoom-in').count()).toBe(1);
    expect(await page.locator('.maplibregl-ctrl-scale').count()).toBe(1);
  });

  it('fills, outlines and names the three municipalities with no configuration', async () => {
    const names = await renderedNames(page, 'municipality-labels');
    expect(names).toEqual(expect.arrayContaining(regionMunicipalities.map((m) => m.name)));
    for (const m of regionMunicipalities) {
      expect(
        colourShare(screenshot, blend(basemapPalette.regionFill[m.code], 0.75), 12),
        m.name,
      ).toBeGreaterThan(0.01);
    }
    expect(colourShare(screenshot, basemapPalette.municipalityLineRegion, 24)).toBeGreaterThan(0.0005);
    const attribution = (await page.locator('.maplibregl-ctrl-attrib').textContent()) ?? '';
    expect(attribution).toContain('DAGI');
  });

  it('draws the coast once: in Kalundborg harbour at zoom 14 no municipality fill or border lies over the sea', async () => {
    const harbour = await atlas.browser.newPage({ viewport: { width: 1000, height: 700 } });
    await harbour.goto(`${atlas.server.origin}/?at=11.085,55.667,14`);
    await harbour.waitForSelector('[data-map-status="idle"]', { timeout: 60_000 });
    const shot = await saveScreenshot(harbour, 'harbour-coastline-z14');
    const overSea = await harbour.evaluate(() => {
      const map = window.symbiosisAtlas?.map;
      if (!map) return null;
      const { width, height } = map.getCanvas().getBoundingClientRect();
      let sea = 0;
      let tintedSea = 0;
      for (let x = 5; x < width; x += 20) {
        for (let y = 5; y < height; y += 20) {
          const layers = map.queryRenderedFeatures([x, y], { layers: ['land', 'municipality-fill'] });
          const onLand = layers.some((feature) => feature.layer.id === 'land');
          if (onLand) continue;
          sea++;
          if (layers.some((feature) => feature.layer.id === 'municipality-fill')) tintedSea++;
        }
      }
      return { sea, tintedSea };
    });
    await harbour.close();
    expect(overSea?.sea).toBeGreaterThan(50);
    expect(overSea?.tintedSea).toBe(0);
    // No border runs through the harbour: the only lines here are the shoreline.
    expect(colourShare(shot, basemapPalette.municipalityLineRegion, 8)).toBeLessThan(0.0002);
    expect(colourShare(shot, basemapPalette.coast, 10)).toBeGreaterThan(0.001);
  });
});

/** The screen colour of a fill drawn at `opacity` over the land colour. */
function blend(hex: string, opacity: number): string {
  const channel = (colour: string, i: number) => Number.parseInt(colour.slice(1 + 2 * i, 3 + 2 * i), 16);
  const mixed = [0, 1, 2].map((i) =>
    Math.round(channel(hex, i) * opacity + channel(basemapPalette.land, i) * (1 - opacity)),
  );
  return `#${mixed.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

async function renderedNames(page: Page, layer: string): Promise<string[]> {
  return page.evaluate((layerId) => {
    const features = window.symbiosisAtlas?.map.queryRenderedFeatures({ layers: [layerId] }) ?? [];
    return features.map((feature) => String(feature.properties.name));
  }, layer);
}
