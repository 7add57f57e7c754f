import { describe, expect, it } from 'vitest';
import { diagramDocument, escapeXml, legendMarkup } from './diagram-document.ts';
import type { DiagramLegend, MeasureText } from './diagram-model.ts';

const measure: MeasureText = (text, style) => text.length * style.size * 0.55;
const legend: DiagramLegend = {
  resources: [
    { id: 'steam', label: 'Steam', colour: '#D55E00', count: 3 },
    { id: 'fgd-gypsum', label: 'FGD gypsum', colour: '#A6A6A6', count: 1 },
  ],
  statuses: ['existing', 'proposed', 'candidate'],
  computed: true,
};
const texts = {
  title: 'In the diagram',
  statuses: { existing: 'Flowing', proposed: 'Proposed (dark casing)', candidate: 'Candidate (dashed)' },
  direction: 'Arrows point from giver to receiver',
  computedHint: 'Dashed: computed matches, not flowing yet',
};

describe('the exported diagram', () => {
  const exported = diagramDocument({
    content: '<g class="diagram-content"><rect width="10" height="10"/></g>',
    contentWidth: 900,
    contentHeight: 500,
    legend,
    texts,
    title: 'Symbiosis diagram — 1 December 2026',
    credits: 'Symbiosis Atlas · data: Kalundborg Symbiosis & the sources cited',
    fontCss: '@font-face{font-family:"Noto Sans"}',
    measure,
  });

  it('is one standalone SVG document with the title, the drawing, the legend and the credits', () => {
    expect(exported.svg).toMatch(/^<\?xml [^>]+>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(exported.svg).toContain('<g class="diagram-content">');
    expect(exported.svg).toContain(
      '<title id="diagram-export-title">Symbiosis diagram — 1 December 2026</title>',
    );
    expect(exported.svg).toContain('data-legend=""');
    expect(exported.svg).toContain('Symbiosis Atlas · data: Kalundborg Symbiosis &amp; the sources cited');
    expect(exported.svg).toContain('<style>@font-face');
    expect(exported.height).toBeGreaterThan(500);
  });

  it('explains every resource (with its count) and every status drawn', () => {
    for (const label of [
      'Steam (3)',
      'FGD gypsum (1)',
      'Flowing',
      'Proposed (dark casing)',
      'Candidate (dashed)',
    ]) {
      expect(exported.svg).toContain(`>${label}</text>`);
    }
    expect(exported.svg).toContain(texts.computedHint);
    expect(exported.svg).toContain('stroke="#D55E00"');
  });

  it('wraps the legend to the width of the picture', () => {
    const narrow = legendMarkup(legend, texts, 200, measure);
    const wide = legendMarkup(legend, texts, 2000, measure);
    expect(narrow.height).toBeGreaterThan(wide.height);
  });

  it('escapes names that are not valid XML as they stand', () => {
    expect(escapeXml('Smith & Sons <"A/S">')).toBe('Smith &amp; Sons &lt;&quot;A/S&quot;&gt;');
  });
});
