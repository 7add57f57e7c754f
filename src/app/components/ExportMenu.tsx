import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFromApi } from '../export/download.ts';
import type { LegendItem } from '../export/map-capture.ts';
import { useAtlasMap } from '../state/atlas-map-context.tsx';
import { useUiStore } from '../state/ui-store.ts';

interface Props {
  legend: () => LegendItem[];
  credits: string;
}

/**
 * Downloads for reports. The PNG export is loaded only when asked for: it is not needed for the first
 * screen and keeps the initial bundle small.
 */
export function ExportMenu({ legend, credits }: Props) {
  const { t, i18n } = useTranslation();
  const atlas = useAtlasMap();
  const [error, setError] = useState<string | null>(null);
  const view = useUiStore((state) => state.view);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (cause) {
      setError(t('export.failed', { message: cause instanceof Error ? cause.message : String(cause) }));
    }
  };
  const exportPng = () =>
    run(async () => {
      const { exportViewAsPng } = await import('../export/export-png.ts');
      await exportViewAsPng(
        atlas?.map,
        t('export.title', { date: new Date().toLocaleDateString(i18n.language) }),
        legend(),
        credits,
      );
    });

  const exportDiagram = (format: 'svg' | 'png') =>
    run(async () => {
      const { exportDiagram: save } = await import('../diagram/export-diagram.ts');
      const date = new Date().toLocaleDateString(i18n.language);
      const year = useUiStore.getState().year;
      await save(format, {
        title:
          year === null ? t('diagram.exportTitle', { date }) : t('diagram.exportTitleYear', { year, date }),
        legendTitle: t('diagram.legend'),
        credits: t('diagram.credits'),
      });
    });

  return (
    <details className="menu">
      <summary>{t('topBar.export')}</summary>
      <ul className="menu-items">
        {view === 'diagram' ? (
          <>
            <li>
              <button type="button" onClick={() => void exportDiagram('png')}>
                {t('topBar.exportDiagramPng')}
              </button>
            </li>
            <li>
              <button type="button" onClick={() => void exportDiagram('svg')}>
                {t('topBar.exportDiagramSvg')}
              </button>
            </li>
          </>
        ) : null}
        <li>
          <button type="button" onClick={() => void exportPng()}>
            {t('topBar.exportPng')}
          </button>
        </li>
        <li>
          <button
            type="button"
            onClick={() =>
              void run(() => downloadFromApi('/api/export/exchanges.csv', 'symbiosis-atlas-exchanges.csv'))
            }
          >
            {t('topBar.exportCsv')}
          </button>
        </li>
        <li>
          <button
            type="button"
            onClick={() =>
              void run(() =>
                downloadFromApi('/api/export/companies.geojson', 'symbiosis-atlas-companies.geojson'),
              )
            }
          >
            {t('topBar.exportGeojson')}
          </button>
        </li>
      </ul>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
    </details>
  );
}
