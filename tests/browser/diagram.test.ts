import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { story } from '../../src/app/present/story.ts';
import { indexResources, selectVisibleExchanges } from '../../src/app/state/selectors.ts';
import { defaultViewState } from '../../src/app/state/view-fields.ts';
import type { MapCompany } from '../../src/domain/api.ts';
import { indexMapCompanies } from '../../src/domain/map-companies.ts';
import type { CompanyFeature, Exchange, Resource } from '../../src/domain/schema.ts';
import { atlasBrowser } from '../support/atlas-browser.ts';
import { waitForData, waitForIdle } from '../support/atlas-page.ts';
import { auditPage } from '../support/page-audit.ts';
import { saveScreenshot, testResultsDir } from '../support/screenshots.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

describe('the symbiosis diagram, linked to the map', () => {
  const atlas = atlasBrowser();

  const api = async <T>(pathAndQuery: string): Promise<T> =>
    (await (await fetch(`${atlas.server.origin}${pathAndQuery}`)).json()) as T;

  async function openDiagram(query: string, viewport = { width: 1400, height: 900 }) {
    const page = await atlas.browser.newPage({ viewport });
    const audit = auditPage(page, atlas.server.origin);
    await page.goto(`${atlas.server.origin}/${query}`);
    await waitForData(page);
    await diagramReady(page);
    return { page, audit };
  }

  const diagramReady = (page: Page) =>
    page.waitForSelector('.diagram:is([data-diagram-status="ready"], [data-diagram-status="empty"])', {
      timeout: 60_000,
    });
  const edgeIds = (page: Page) =>
    page
      .locator('.diagram-edge')
      .evaluateAll((edges) => edges.map((edge) => edge.getAttribute('data-edge-id')));

  /** Label boxes and company boxes as drawn on screen: none may cover another. */
  async function overlapsOnScreen(page: Page): Promise<string[]> {
    const boxes = await page.evaluate(() =>
      [
        ...[...document.querySelectorAll('.diagram-edge > g > rect')].map((rect) => ['label', rect] as const),
        ...[...document.querySelectorAll('.diagram-node > rect:last-of-type')].map(
          (rect) => ['node', rect] as const,
        ),
      ].map(([kind, rect]) => {
        const { x, y, width, height } = rect.getBoundingClientRect();
        const owner = rect.closest('[data-edge-id], [data-node-id]');
        return {
          id: `${kind}:${owner?.getAttribute('data-edge-id') ?? owner?.getAttribute('data-node-id')}`,
          x,
          y,
          width,
          height,
        };
      }),
    );
    const overlap = (a: Box, b: Box) =>
      a.x < b.x + b.width - 1 &&
      b.x < a.x + a.width - 1 &&
      a.y < b.y + b.height - 1 &&
      b.y < a.y + a.height - 1;
    return boxes.flatMap((a, i) =>
      boxes.slice(i + 1).flatMap((b) => (overlap(a, b) ? [`${a.id} × ${b.id}`] : [])),
    );
  }

  it('draws one arrow per exchange shown, as the API counts them, today and in 1995', async () => {
    const { page, audit } = await openDiagram('?view=diagram');
    const today = await api<Exchange[]>('/api/exchanges?status=existing,proposed,candidate');
    expect(today.length).toBeGreaterThan(20);
    expect((await edgeIds(page)).sort()).toEqual(today.map((exchange) => exchange.id).sort());
    expect(await page.getAttribute('.diagram', 'data-edge-count')).toBe(String(today.length));
    expect(await page.locator('.diagram-title').textContent()).toContain(`${today.length} flows`);
    expect(await overlapsOnScreen(page)).toEqual([]);
    await saveScreenshot(page, 'diagram-today');

    // The year filter, as a user sets it: the statuses are those of 1995, and only what flowed then is drawn.
    await page.goto(`${atlas.server.origin}/?view=diagram&year=1995`);
    await diagramReady(page);
    const in1995 = await api<Exchange[]>('/api/exchanges?year=1995');
    expect(in1995.length).toBeGreaterThan(5);
    expect(in1995.length).toBeLessThan(today.length);
    expect((await edgeIds(page)).sort()).toEqual(in1995.map((exchange) => exchange.id).sort());
    expect(await overlapsOnScreen(page)).toEqual([]);
    await saveScreenshot(page, 'diagram-1995');

    // A resource switched off in the legend leaves the diagram too.
    const steam = in1995.filter((exchange) => exchange.resourceId === 'steam').length;
    expect(steam).toBeGreaterThan(0);
    await page.locator('[data-resource="steam"] input[type="checkbox"]').uncheck();
    await expect
      .poll(async () => (await edgeIds(page)).length, { timeout: 30_000 })
      .toBe(in1995.length - steam);

    // Filters that leave nothing say so.
    await page.goto(`${atlas.server.origin}/?view=diagram&status=none`);
    await diagramReady(page);
    expect(await page.getAttribute('.diagram', 'data-diagram-status')).toBe('empty');
    expect(await page.getByRole('status').filter({ hasText: 'No exchange matches' }).count()).toBe(1);

    expect(audit.consoleErrors).toEqual([]);
    expect(audit.foreignRequests).toEqual([]);
    await page.close();
  });

  it('shares the selection with the map, both ways', async () => {
    const [lon, lat] = [11.33, 55.748];
    const { page, audit } = await openDiagram(`?view=diagram&at=${lon},${lat},14`);
    const companies = (await api<{ features: CompanyFeature[] }>('/api/companies')).features;
    const nameOf = (companyId: string) =>
      companies.find((c) => c.properties.id === companyId)?.properties.name;
    await page.getByLabel('Map beside').check();
    // The map takes the left part of the stage: wait until it has resized to it before aiming at it.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = window.symbiosisAtlas?.map;
            return map ? Math.abs(map.getCanvas().clientWidth - map.getContainer().clientWidth) : -1;
          }),
        { timeout: 10_000 },
      )
      .toBe(0);
    await expect
      .poll(async () => {
        const stage = await page.locator('.map-stage').boundingBox();
        const map = await page.locator('.atlas-map').boundingBox();
        return map && stage ? Math.round((map.width / stage.width) * 10) : 0;
      })
      .toBe(4);
    await waitForIdle(page);

    // A company clicked on the map is the company ringed in the diagram.
    const point = await page.evaluate(
      ([x, y]) => window.symbiosisAtlas?.map.project([x ?? 0, y ?? 0]),
      [lon, lat],
    );
    const box = await page.locator('.atlas-map').boundingBox();
    if (!point || !box) throw new Error('the map is not on the page');
    // As a user does: point at the marker until its tooltip names it, then click.
    await expect
      .poll(
        async () => {
          await page.mouse.move(box.x + point.x + 1, box.y + point.y);
          await page.mouse.move(box.x + point.x, box.y + point.y);
          return page
            .locator('.tooltip strong')
            .textContent({ timeout: 500 })
            .catch(() => null);
        },
        { timeout: 20_000 },
      )
      .toBe(nameOf('stryhns-havnso'));
    await page.mouse.click(box.x + point.x, box.y + point.y);
    const company = page.locator('.diagram-node[data-node-id="stryhns-havnso"]');
    await expect.poll(() => company.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await page.locator('.diagram-edge[aria-pressed="true"]').count()).toBe(0);

    // An arrow chosen in the diagram is the arc highlighted on the map and described in the details.
    const edge = page.locator('.diagram-edge').first();
    const id = (await edge.getAttribute('data-edge-id')) ?? '';
    await edge.locator(':scope > g > rect').first().click();
    await expect
      .poll(() => page.getAttribute('.atlas-map', 'data-highlighted-arc'), { timeout: 10_000 })
      .toBe(id);
    expect(new URL(page.url()).searchParams.get('arc')).toBe(id);
    expect(await edge.getAttribute('aria-pressed')).toBe('true');
    const exchange = (await api<Exchange[]>('/api/exchanges')).find((e) => e.id === id);
    expect(await page.locator('article.details h2').first().textContent()).toBe(
      `${nameOf(exchange?.from ?? '')} → ${nameOf(exchange?.to ?? '')}`,
    );

    // Both ends of the chosen arrow are ringed, as on the map.
    const ringed = await page
      .locator('.diagram-node[aria-pressed="true"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-id')));
    expect(ringed.sort()).toEqual([exchange?.from, exchange?.to].sort());
    await waitForIdle(page);
    await saveScreenshot(page, 'diagram-beside-map-selection');

    // A shared link with an arc opens the diagram with that arrow chosen.
    await page.goto(`${atlas.server.origin}/?view=diagram&arc=${id}`);
    await diagramReady(page);
    expect(await page.getAttribute('.diagram', 'data-selected-edge')).toBe(id);
    expect(audit.consoleErrors).toEqual([]);
    await page.close();
  });

  it('reaches every arrow by Tab and by arrow keys, each with its name in the accessibility tree', async () => {
    const { page } = await openDiagram('?view=diagram');
    const arrows = await page.locator('.diagram-edge').evaluateAll((edges) =>
      edges.map((edge) => ({
        id: edge.getAttribute('data-edge-id') ?? '',
        from: edge.getAttribute('data-from') ?? '',
        name: edge.getAttribute('aria-label') ?? '',
      })),
    );
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return element?.getAttribute('data-edge-id') ?? element?.getAttribute('data-node-id') ?? null;
      });

    // Tab, from the first company to the last flow.
    await page.locator('.diagram-node').first().focus();
    const tabbed = new Set<string>();
    for (let i = 0; i < arrows.length * 3; i++) {
      const id = await focused();
      if (id === null) break;
      tabbed.add(id);
      await page.keyboard.press('Tab');
    }
    expect(arrows.filter((arrow) => !tabbed.has(arrow.id))).toEqual([]);

    // Arrow keys: from each company, → enters its flows and → again walks through all of them.
    const byKeys = new Set<string>();
    for (const node of await page.locator('.diagram-node').all()) {
      const id = await node.getAttribute('data-node-id');
      if (!arrows.some((arrow) => arrow.from === id)) continue;
      await node.focus();
      await page.keyboard.press('ArrowRight');
      for (let i = 0; i < arrows.length; i++) {
        const edge = await focused();
        if (!edge || byKeys.has(edge)) break;
        byKeys.add(edge);
        await page.keyboard.press('ArrowRight');
      }
    }
    expect(arrows.filter((arrow) => !byKeys.has(arrow.id))).toEqual([]);

    // ↑ goes to the giver, ↓ to the receiver; the focus ring shows where the keyboard is.
    const first = arrows[0];
    if (!first) throw new Error('no arrows');
    await page.locator(`[data-edge-id="${first.id}"]`).focus();
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(first.from);
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('.diagram-svg [data-export-omit]').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('arc')).toBe(await focused());
    await saveScreenshot(page, 'diagram-keyboard');

    // Every arrow's name is what the accessibility tree reads, e.g. "Steam, Asnæs … to Novo Nordisk …, since 1982".
    const tree = await page.locator('.diagram-svg').ariaSnapshot();
    for (const arrow of arrows) expect(tree).toContain(`button "${arrow.name}"`);
    const steam = arrows.find((arrow) => arrow.id === 'asnaes-steam-to-novo-nordisk');
    expect(steam?.name).toMatch(/^Steam, Asnæs Power Station.* to Novo Nordisk.*, since 1982$/);
    await page.close();

    const danish = await openDiagram('?view=diagram&lang=da');
    expect(
      await danish.page
        .getByRole('button', { name: /^Damp, Asnæs Power Station.* til Novo Nordisk.*, siden 1982$/ })
        .count(),
    ).toBe(1);
    await danish.page.close();
  });

  it('shows the 1990s chapter of the presentation as a diagram in large type', async () => {
    const index = story.findIndex((chapter) => chapter.id === 'gypsum-and-water');
    const chapter = story[index];
    if (!chapter) throw new Error('no 1990s chapter');
    expect(chapter.view).toBe('diagram');
    const page = await atlas.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${atlas.server.origin}/present?ch=${index + 1}`);
    await waitForData(page);
    await page.waitForSelector(
      '.present-mode[data-view="diagram"] .diagram.diagram-large[data-diagram-status="ready"]',
    );

    // The same flows the chapter puts on the map, from the API's own data.
    const resources = await api<Resource[]>('/api/resources');
    const companies = await api<MapCompany[]>('/api/map/companies');
    const expected = selectVisibleExchanges(
      await api<Exchange[]>('/api/exchanges'),
      indexMapCompanies(companies),
      indexResources(resources),
      {
        ...defaultViewState,
        year: chapter.year,
        statuses: chapter.statuses,
        hiddenResources: resources.filter((r) => !chapter.categories?.includes(r.category)).map((r) => r.id),
      },
    );
    expect(expected.length).toBeGreaterThan(3);
    expect((await edgeIds(page)).sort()).toEqual(expected.map((exchange) => exchange.id).sort());
    expect(await overlapsOnScreen(page)).toEqual([]);
    await saveScreenshot(page, 'diagram-present-1990s');

    // → with the focus outside the diagram still turns the page; today's chapter is a diagram too.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getAttribute('.present-mode', 'data-chapter')).toBe(story[index + 1]?.id);
    await diagramReady(page);
    await saveScreenshot(page, 'diagram-present-today');
    await page.locator('.present-top label', { hasText: /^Map$/ }).click();
    expect(await page.getAttribute('.present-mode', 'data-view')).toBe('map');
    expect(await page.locator('.diagram').count()).toBe(0);
    await page.close();
  });

  it('exports the diagram as SVG and PNG, each with its legend', async () => {
    const { page, audit } = await openDiagram('?view=diagram');
    const arrows = await edgeIds(page);
    const legend = await page.locator('.diagram-legend-resources li').allTextContents();

    await page.getByText('Export', { exact: true }).click();
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Diagram as drawing (SVG)' }).click(),
    ]);
    const svgPath = path.join(testResultsDir, 'diagram-export.svg');
    await svgDownload.saveAs(svgPath);
    const svg = await readFile(svgPath, 'utf8');
    expect(svgDownload.suggestedFilename()).toMatch(/^symbiosis-diagram-\d{4}-\d{2}-\d{2}\.svg$/);
    expect(svg.match(/data-edge-id="/g)).toHaveLength(arrows.length);
    expect(svg).toContain('data-legend=""');
    for (const entry of legend) expect(svg).toContain(`>${entry.replace(/\s+/g, ' ').trim()}</text>`);
    expect(svg).toContain('>Flowing</text>');
    expect(svg).toContain('@font-face');
    expect(svg).not.toContain('tabindex');

    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Diagram as image (PNG)' }).click(),
    ]);
    const pngPath = path.join(testResultsDir, 'diagram-export.png');
    await pngDownload.saveAs(pngPath);
    const png = await readFile(pngPath);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Drawn at twice the drawing's size: at least the diagram's own width, crisp on a slide.
    expect(png.readUInt32BE(16)).toBeGreaterThan(2000);

    // The exported SVG as a browser shows it, for a look at the result.
    const viewer = await atlas.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await viewer.setContent(svg.replace(/^<\?xml[^>]*>/, ''));
    await saveScreenshot(viewer, 'diagram-export-svg');
    await viewer.close();
    expect(audit.consoleErrors).toEqual([]);
    expect(audit.foreignRequests).toEqual([]);
    await page.close();
  });
});
