import type { ExchangeStatus } from '../../domain/exchange.ts';
import { markerPalette } from '../../map/colour.ts';
import type { DiagramLegend, MeasureText } from './diagram-model.ts';
import { CASING, DASH, DIAGRAM_FONT, INK, INK_SOFT } from './diagram-style.ts';

/**
 * The exported diagram as one self-contained SVG document: a title bar, the drawing as on screen, its
 * legend (statuses and resources) and the data credits. Pure string building, so the export is the same
 * in every browser and can be checked without one.
 */

export interface LegendTexts {
  title: string;
  statuses: Readonly<Record<string, string>>;
  direction: string;
  computedHint: string;
}

export interface DocumentParts {
  /** The drawing's SVG markup (a `<g>`), in the drawing's own coordinates. */
  content: string;
  contentWidth: number;
  contentHeight: number;
  legend: DiagramLegend;
  texts: LegendTexts;
  title: string;
  credits: string;
  /** `@font-face` rules embedding the font, so the file looks the same where Noto Sans is not installed. */
  fontCss: string;
  measure: MeasureText;
  /** The legend's size against the screen's (1.5 for a drawing in the presentation's large type). */
  legendScale?: number;
}

export interface DiagramDocument {
  svg: string;
  width: number;
  height: number;
}

const PAD = 24;
const TITLE_HEIGHT = 48;
const ROW = 22;
const LEGEND_TEXT = { size: 12, weight: 400 } as const;
const SAMPLE_WIDTH = 34;

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

function sample(x: number, y: number, colour: string, status: ExchangeStatus): string {
  const stroke = status === 'historic' || status === 'rejected' ? markerPalette.historicArc : colour;
  const casing =
    status === 'proposed'
      ? `<line x1="${x}" y1="${y}" x2="${x + 23}" y2="${y}" stroke="${CASING}" stroke-width="5.5"/>`
      : '';
  const dash = status === 'candidate' ? ` stroke-dasharray="${DASH}"` : '';
  return (
    `${casing}<line x1="${x}" y1="${y}" x2="${x + 23}" y2="${y}" stroke="${stroke}" stroke-width="2.4"${dash}/>` +
    `<polygon points="${x + 31},${y} ${x + 22},${y - 4.5} ${x + 22},${y + 4.5}" fill="${stroke}"/>`
  );
}

interface LegendItem {
  markup: (x: number, y: number) => string;
  width: number;
}

/** Legend rows, flowed left to right and wrapped at `width`. */
function flowItems(
  items: readonly LegendItem[],
  width: number,
  top: number,
): { markup: string; bottom: number } {
  let x = 0;
  let y = top;
  let markup = '';
  for (const item of items) {
    if (x > 0 && x + item.width > width) {
      x = 0;
      y += ROW;
    }
    markup += item.markup(x, y);
    x += item.width + 18;
  }
  return { markup, bottom: items.length > 0 ? y + ROW : top };
}

function text(
  x: number,
  y: number,
  content: string,
  options: { weight?: number; fill?: string } = {},
): string {
  return `<text x="${x}" y="${y + 4}" font-family="${escapeXml(DIAGRAM_FONT)}" font-size="${LEGEND_TEXT.size}" font-weight="${options.weight ?? 400}" fill="${options.fill ?? INK}">${escapeXml(content)}</text>`;
}

export function legendMarkup(
  legend: DiagramLegend,
  texts: LegendTexts,
  width: number,
  measure: MeasureText,
): { markup: string; height: number } {
  const labelWidth = (label: string) => Math.ceil(measure(label, LEGEND_TEXT));
  const statusItems: LegendItem[] = legend.statuses.map((status) => {
    const label = texts.statuses[status] ?? status;
    return {
      width: SAMPLE_WIDTH + 6 + labelWidth(label),
      markup: (x, y) => sample(x, y, INK, status) + text(x + SAMPLE_WIDTH + 6, y, label),
    };
  });
  statusItems.push({
    width: labelWidth(texts.direction),
    markup: (x, y) => text(x, y, texts.direction, { fill: INK_SOFT }),
  });
  const resourceItems: LegendItem[] = legend.resources.map((resource) => {
    const label = `${resource.label} (${resource.count})`;
    return {
      width: SAMPLE_WIDTH + 6 + labelWidth(label),
      markup: (x, y) => sample(x, y, resource.colour, 'existing') + text(x + SAMPLE_WIDTH + 6, y, label),
    };
  });

  let markup = text(0, ROW / 2, texts.title, { weight: 700 });
  const statuses = flowItems(statusItems, width, ROW * 1.5);
  const resources = flowItems(resourceItems, width, statuses.bottom + 4);
  markup += statuses.markup + resources.markup;
  let bottom = resources.bottom;
  if (legend.computed) {
    markup += text(0, bottom, texts.computedHint, { fill: INK_SOFT });
    bottom += ROW;
  }
  return { markup: `<g class="diagram-legend" data-legend="">${markup}</g>`, height: bottom };
}

export function diagramDocument(parts: DocumentParts): DiagramDocument {
  const width = Math.ceil(Math.max(parts.contentWidth, 640) + 2 * PAD);
  const scale = parts.legendScale ?? 1;
  const legend = legendMarkup(parts.legend, parts.texts, (width - 2 * PAD) / scale, parts.measure);
  const contentTop = TITLE_HEIGHT + PAD / 2;
  const legendTop = contentTop + parts.contentHeight + PAD / 2;
  const creditsTop = legendTop + legend.height * scale + PAD / 2;
  const height = Math.ceil(creditsTop + 28);
  const contentLeft = (width - parts.contentWidth) / 2;
  const font = escapeXml(DIAGRAM_FONT);
  const svg = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="diagram-export-title">`,
    `<title id="diagram-export-title">${escapeXml(parts.title)}</title>`,
    parts.fontCss ? `<style>${parts.fontCss}</style>` : '',
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<rect width="${width}" height="${TITLE_HEIGHT}" fill="${markerPalette.partner}"/>`,
    `<text x="${PAD}" y="${TITLE_HEIGHT / 2 + 7}" font-family="${font}" font-size="20" font-weight="700" fill="#FFFFFF">${escapeXml(parts.title)}</text>`,
    `<g transform="translate(${contentLeft} ${contentTop})">${parts.content}</g>`,
    `<g transform="translate(${PAD} ${legendTop}) scale(${scale})">${legend.markup}</g>`,
    `<text x="${PAD}" y="${creditsTop + 14}" font-family="${font}" font-size="11" fill="${INK_SOFT}">${escapeXml(parts.credits)}</text>`,
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}
