import type { PipelineStage } from '../../domain/workbench/pipeline.ts';
import { STAGE_INK, STAGE_PAPER, stageFillPath, stageGlyphs } from '../../map/layers/stage-marks.ts';

/** A stage's ring as the map draws it (map/icon-images.ts draws the same shapes from stage-marks.ts). */
export function StageGlyph({ stage, size = 18 }: { stage: PipelineStage; size?: number }) {
  const glyph = stageGlyphs[stage];
  const fill = stageFillPath(12, 12, 7, glyph.filled);
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      className="stage-glyph"
      data-stage={stage}
    >
      <circle cx="12" cy="12" r="10" fill={STAGE_PAPER} stroke={STAGE_INK} strokeWidth="2" />
      {fill ? <path d={fill} fill={STAGE_INK} /> : null}
      {glyph.mark === 'dot' ? <circle cx="12" cy="12" r="2.5" fill={STAGE_INK} /> : null}
      {glyph.mark === 'bar' ? <rect x="6" y="10.5" width="12" height="3" fill={STAGE_INK} /> : null}
      {glyph.mark === 'cross' ? (
        <path d="M 8 8 L 16 16 M 16 8 L 8 16" stroke={STAGE_INK} strokeWidth="2.5" />
      ) : null}
    </svg>
  );
}
