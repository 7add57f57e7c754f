import { PNG } from 'pngjs';

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Share (0–1) of the image's pixels within `tolerance` (per channel) of the given colour. */
export function colourShare(png: Buffer, hex: string, tolerance = 6): number {
  const image = PNG.sync.read(png);
  const [r, g, b] = hexToRgb(hex);
  let matches = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (
      Math.abs((image.data[i] ?? 0) - r) <= tolerance &&
      Math.abs((image.data[i + 1] ?? 0) - g) <= tolerance &&
      Math.abs((image.data[i + 2] ?? 0) - b) <= tolerance
    ) {
      matches++;
    }
  }
  return matches / (image.width * image.height);
}

export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** How many pixels inside `box` differ between two screenshots of the same size (by more than `tolerance`). */
export function changedPixels(before: Buffer, after: Buffer, box: PixelBox, tolerance = 24): number {
  const a = PNG.sync.read(before);
  const b = PNG.sync.read(after);
  if (a.width !== b.width || a.height !== b.height) throw new Error('the screenshots differ in size');
  const x0 = Math.max(0, Math.floor(box.left));
  const y0 = Math.max(0, Math.floor(box.top));
  const x1 = Math.min(a.width, Math.ceil(box.left + box.width));
  const y1 = Math.min(a.height, Math.ceil(box.top + box.height));
  let changed = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * a.width + x) * 4;
      const difference = Math.max(
        Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)),
        Math.abs((a.data[i + 1] ?? 0) - (b.data[i + 1] ?? 0)),
        Math.abs((a.data[i + 2] ?? 0) - (b.data[i + 2] ?? 0)),
      );
      if (difference > tolerance) changed++;
    }
  }
  return changed;
}
