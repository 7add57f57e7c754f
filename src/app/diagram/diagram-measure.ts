import type { MeasureText, TextStyle } from './diagram-model.ts';
import { DIAGRAM_FONT } from './diagram-style.ts';

/** Text widths from a canvas in the diagram's own font, remembered: a layout measures every label. */

let context: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

export const measureText: MeasureText = (text: string, style: TextStyle) => {
  const key = `${style.weight}|${style.size}|${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * style.size * 0.6;
  context.font = `${style.weight} ${style.size}px ${DIAGRAM_FONT}`;
  const width = context.measureText(text).width;
  widths.set(key, width);
  return width;
};

/**
 * Resolves when Noto Sans is loaded in both weights the diagram uses. Measuring before that would size
 * every box for the fallback font and lay the diagram out twice.
 */
export function diagramFontsReady(): Promise<void> {
  if (!('fonts' in document)) return Promise.resolve();
  return Promise.all([
    document.fonts.load(`400 12px ${DIAGRAM_FONT}`),
    document.fonts.load(`700 12px ${DIAGRAM_FONT}`),
  ]).then(
    () => undefined,
    () => undefined,
  );
}
