import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basemapLayerIds } from '../../src/map/basemap-style.ts';
import { clusterLabelLayerId, companyLabelLayerId } from '../../src/map/company-labels.ts';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { openAtlas, waitForIdle } from '../support/atlas-page.ts';
import type { PageAudit } from '../support/page-audit.ts';
import { changedPixels } from '../support/pixels.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const labelLayers = [
  basemapLayerIds.placeLabels,
  basemapLayerIds.municipalityLabels,
  companyLabelLayerId,
  clusterLabelLayerId,
];

/** Three views whose names between them use æ, ø and å, in upper and lower case. */
const views = [
  { name: 'region-z9', at: '11.42,55.72,9', expected: ['Holbæk', 'Gørlev', 'Nykøbing Sjælland', 'Tølløse'] },
  {
    name: 'odsherred-z11',
    at: '11.5,55.79,11',
    expected: ['Asnæs', 'Fårevejle', 'NKT (Asnæs cable factory)'],
  },
  { name: 'holbaek-z13', at: '11.71,55.716,13', expected: ['Holbæk', 'Holbæk Sygehus', 'Fors A/S (Holbæk)'] },
] as const;

const danishLetter = /[æøåÆØÅ]/;

interface DrawnLabel {
  name: string;
  /** Where the label's anchor point is on the page. */
  x: number;
  y: number;
}

/** The labels MapLibre placed (after collision) in the label layers, with their anchors in page pixels. */
async function drawnLabels(page: Page): Promise<DrawnLabel[]> {
  return page.evaluate((layers) => {
    const map = window.symbiosisAtlas?.map;
    if (!map) return [];
    const box = map.getCanvas().getBoundingClientRect();
    const present = layers.filter((id) => map.getLayer(id));
    return map.queryRenderedFeatures({ layers: present }).flatMap((feature) => {
      if (feature.geometry.type !== 'Point') return [];
      const point = map.project(feature.geometry.coordinates as [number, number]);
      const name = String(feature.properties.name ?? feature.properties.text ?? '');
      return [{ name, x: box.left + point.x, y: box.top + point.y }];
    });
  }, labelLayers);
}

async function setLabelsVisible(page: Page, visible: boolean): Promise<void> {
  const visibility: 'visible' | 'none' = visible ? 'visible' : 'none';
  await page.evaluate(
    ({ layers, visibility }) => {
      const map = window.symbiosisAtlas?.map;
      for (const id of layers) if (map?.getLayer(id)) map.setLayoutProperty(id, 'visibility', visibility);
    },
    { layers: labelLayers, visibility },
  );
  await waitForIdle(page);
}

describe('Danish place and company names on the map', () => {
  const atlas = atlasBrowser();

  for (const view of views) {
    describe(`at ${view.name}`, () => {
      let page: Page;
      let audit: PageAudit;
      let labels: DrawnLabel[];
      let withLabels: Buffer;
      let withoutLabels: Buffer;

      beforeAll(async () => {
        ({ page, audit } = await openAtlas(atlas.browser, atlas.server.origin, `?at=${view.at}`, {
          width: 1200,
          height: 800,
        }));
        await waitForIdle(page);
        withLabels = await saveScreenshot(page, `labels-danish-${view.name}`);
        labels = await drawnLabels(page);
        await setLabelsVisible(page, false);
        withoutLabels = await page.screenshot();
        await setLabelsVisible(page, true);
      });

      afterAll(async () => {
        await page?.close();
      });

      it('places the names with æ, ø and å', () => {
        expect(labels.map((label) => label.name)).toEqual(expect.arrayContaining([...view.expected]));
      });

      it('draws ink for every placed name with a Danish letter, from the app’s own origin only', () => {
        const danish = labels.filter((label) => danishLetter.test(label.name));
        expect(danish.length).toBeGreaterThanOrEqual(view.expected.length);
        for (const label of danish) {
          // A variable anchor may put the text on any side of its point, so look all round it.
          const box = { left: label.x - 110, top: label.y - 30, width: 220, height: 60 };
          expect(changedPixels(withLabels, withoutLabels, box), label.name).toBeGreaterThan(40);
        }
        expect(audit.consoleErrors).toEqual([]);
        expect(audit.failedRequests).toEqual([]);
        expect(audit.foreignRequests).toEqual([]);
      });
    });
  }
});
