import type { DiagramLayout } from './diagram-elk.ts';
import type { DiagramLegend, DiagramSize } from './diagram-model.ts';

/** The diagram on screen, for the export menu (which lives in the top bar, far from the diagram). */
export interface ShownDiagram {
  svg: SVGSVGElement;
  layout: DiagramLayout;
  legend: DiagramLegend;
  size: DiagramSize;
  /** Legend texts in the language shown. */
  texts: { statuses: Record<string, string>; direction: string; computedHint: string };
}

let shown: ShownDiagram | null = null;

export function setShownDiagram(diagram: ShownDiagram | null): void {
  shown = diagram;
}

export function shownDiagram(): ShownDiagram | null {
  return shown;
}
