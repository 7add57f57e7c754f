import { useTranslation } from 'react-i18next';
import { PIPELINE_STAGES } from '../../domain/workbench/pipeline.ts';
import { useIsStaff } from '../api/pipeline-queries.ts';
import { StageGlyph } from './StageGlyph.tsx';

/** The legend's rows for the stage rings on the arcs; only staff have a pipeline, so only they see these. */
export function PipelineStageLegend() {
  const { t } = useTranslation();
  if (!useIsStaff()) return null;
  return (
    <fieldset className="pipeline-legend" data-pipeline-legend="">
      <legend>{t('pipeline.legendTitle')}</legend>
      {PIPELINE_STAGES.map((stage) => (
        <div key={stage} className="legend-row static" data-stage={stage}>
          <StageGlyph stage={stage} />
          {t(`pipeline.stage.${stage}`)}
        </div>
      ))}
      <p className="hint">{t('pipeline.legendHint')}</p>
    </fieldset>
  );
}
