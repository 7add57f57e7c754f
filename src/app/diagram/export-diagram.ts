import notoRegularUrl from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import notoBoldUrl from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import { type DiagramDocument, diagramDocument } from './diagram-document.ts';
import { measureText } from './diagram-measure.ts';
import { shownDiagram } from './diagram-registry.ts';

/**
 * Saves the diagram on screen as SVG (a drawing to edit or print at any size) or PNG (for slides and
 * reports), with its legend and the data credits. Loaded only when asked for.
 */

export interface DiagramExportOptions {
  title: string;
  legendTitle: string;
  credits: string;
}

async function dataUrl(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the font could not be read'));
    reader.readAsDataURL(blob);
  });
}

async function fontCss(): Promise<string> {
  const [regular, bold] = await Promise.all([dataUrl(notoRegularUrl), dataUrl(notoBoldUrl)]);
  const face = (weight: number, src: string) =>
    `@font-face{font-family:"Noto Sans";font-style:normal;font-weight:${weight};src:url(${src}) format("woff2");}`;
  return (
    face(400, regular.replace(/^data:[^;,]*/, 'data:font/woff2')) +
    face(700, bold.replace(/^data:[^;,]*/, 'data:font/woff2'))
  );
}

/** The diagram on screen as a standalone SVG document (focus rings left out, selection kept). */
export async function buildDiagramDocument(options: DiagramExportOptions): Promise<DiagramDocument> {
  const shown = shownDiagram();
  const drawing = shown?.svg.querySelector('.diagram-content');
  if (!shown || !drawing) throw new Error('the diagram is not on screen');
  const copy = drawing.cloneNode(true) as Element;
  for (const element of copy.querySelectorAll('[data-export-omit]')) element.remove();
  for (const element of copy.querySelectorAll('[tabindex]')) element.removeAttribute('tabindex');
  return diagramDocument({
    content: new XMLSerializer().serializeToString(copy),
    contentWidth: shown.layout.width,
    contentHeight: shown.layout.height,
    legend: shown.legend,
    texts: { title: options.legendTitle, ...shown.texts },
    title: options.title,
    credits: options.credits,
    fontCss: await fontCss(),
    measure: measureText,
    legendScale: shown.size === 'large' ? 1.5 : 1,
  });
}

function save(blob: Blob, filename: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const filename = (extension: string) =>
  `symbiosis-diagram-${new Date().toISOString().slice(0, 10)}.${extension}`;

/** The document drawn on a canvas at twice its size (crisp on slides and in print). */
export async function diagramPngBlob(document_: DiagramDocument): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([document_.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = document_.width * scale;
    canvas.height = document_.height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('the browser cannot draw the image');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, document_.width, document_.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser cannot encode the image');
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportDiagram(format: 'svg' | 'png', options: DiagramExportOptions): Promise<void> {
  const built = await buildDiagramDocument(options);
  if (format === 'svg') save(new Blob([built.svg], { type: 'image/svg+xml' }), filename('svg'));
  else save(await diagramPngBlob(built), filename('png'));
}

/** The diagram as a PNG data URL, for the printed hand-out. */
export async function diagramImage(options: DiagramExportOptions): Promise<string> {
  const blob = await diagramPngBlob(await buildDiagramDocument(options));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(blob);
  });
}
