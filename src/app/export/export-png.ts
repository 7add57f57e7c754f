import type { Map as MapLibreMap } from 'maplibre-gl';
import { captureMapCanvas, type LegendItem } from './map-capture.ts';

export type { LegendItem };

const font = (size: number, weight = 400) => `${weight} ${size}px "Noto Sans", sans-serif`;

/**
 * A report-ready PNG: the map as on screen, a title bar, the legend of what is drawn and the data credits.
 * Drawn on a 2D canvas so it needs no library and no network.
 */
export async function exportViewAsPng(
  mapToCapture: MapLibreMap | null | undefined,
  title: string,
  legend: readonly LegendItem[],
  credits: string,
): Promise<void> {
  const map = await captureMapCanvas(mapToCapture);
  const scale = window.devicePixelRatio || 1;
  const titleHeight = 48 * scale;
  const rowHeight = 22 * scale;
  const legendHeight = (Math.ceil(legend.length / 3) * rowHeight + 16 * scale) * (legend.length > 0 ? 1 : 0);
  const footer = 26 * scale;
  const out = document.createElement('canvas');
  out.width = map.width;
  out.height = titleHeight + map.height + legendHeight + footer;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('the browser cannot draw the image');

  ctx.fillStyle = '#FFFFFF';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#1F4E5F';
  ctx.fillRect(0, 0, out.width, titleHeight);
  ctx.fillStyle = '#FFFFFF';
  ctx.font = font(20 * scale, 700);
  ctx.textBaseline = 'middle';
  ctx.fillText(title, 16 * scale, titleHeight / 2);
  ctx.drawImage(map, 0, titleHeight);

  ctx.font = font(13 * scale);
  const columnWidth = out.width / 3;
  legend.forEach((item, i) => {
    const x = 16 * scale + (i % 3) * columnWidth;
    const y = titleHeight + map.height + 12 * scale + Math.floor(i / 3) * rowHeight + rowHeight / 2;
    ctx.strokeStyle = item.colour;
    ctx.lineWidth = 4 * scale;
    ctx.setLineDash(item.dashed ? [6 * scale, 4 * scale] : []);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 28 * scale, y);
    ctx.stroke();
    ctx.fillStyle = '#22303A';
    ctx.fillText(item.label, x + 36 * scale, y);
  });

  ctx.setLineDash([]);
  ctx.font = font(11 * scale);
  ctx.fillStyle = '#55626B';
  ctx.fillText(credits, 16 * scale, out.height - footer / 2);

  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser cannot encode the image');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `symbiosis-atlas-${new Date().toISOString().slice(0, 10)}.png`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
