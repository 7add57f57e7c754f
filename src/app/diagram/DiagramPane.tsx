import './diagram.css';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AtlasData } from '../state/use-atlas-data.ts';

// The diagram's code (and ELK behind it) loads when the diagram is first shown, not with the first screen.
const DiagramView = lazy(() =>
  import('./DiagramView.tsx').then((module) => ({ default: module.DiagramView })),
);

/**
 * The diagram view of the workspace: over the map, or beside it (the map keeps its state underneath, so
 * a selection made in one shows in the other either way).
 */
export function DiagramPane({ data }: { data: AtlasData }) {
  const { t } = useTranslation();
  const [mapBeside, setMapBeside] = useState(false);
  return (
    <div className={`diagram-overlay${mapBeside ? ' beside-map' : ''}`}>
      <Suspense
        fallback={
          <p className="diagram-message" role="status">
            {t('diagram.loading')}
          </p>
        }
      >
        <DiagramView
          data={data}
          flyOnSelect={mapBeside}
          toolbar={
            <label className="diagram-map-beside">
              <input
                type="checkbox"
                checked={mapBeside}
                onChange={(event) => setMapBeside(event.target.checked)}
              />
              {t('diagram.mapBeside')}
            </label>
          }
        />
      </Suspense>
    </div>
  );
}

/** A presentation chapter in diagram form: large type, between the chapter card and the timeline. */
export function PresentDiagram({ data }: { data: AtlasData }) {
  const { t } = useTranslation();
  return (
    <div className="present-diagram">
      <Suspense
        fallback={
          <p className="diagram-message" role="status">
            {t('diagram.loading')}
          </p>
        }
      >
        <DiagramView data={data} size="large" />
      </Suspense>
    </div>
  );
}
