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
