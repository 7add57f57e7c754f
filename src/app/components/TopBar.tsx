import { useTranslation } from 'react-i18next';
import { useServerSession } from '../api/queries.ts';
import type { LegendItem } from '../export/map-capture.ts';
import { useUiStore } from '../state/ui-store.ts';
import { RegistrationButtons } from '../workbench/RegistrationButtons.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { LanguageToggle } from './LanguageToggle.tsx';
import { StaffControls } from './StaffControls.tsx';

export function TopBar({
  onToggleFilters,
  legend,
  credits,
}: {
  onToggleFilters: () => void;
  legend: () => LegendItem[];
  credits: string;
}) {
  const { t } = useTranslation();
  const view = useUiStore((state) => state.view);
  const setView = useUiStore((state) => state.setView);
  // The server decides the level (a token may be a partner's); until it answers, assume the public view.
  const level = useServerSession().data?.level ?? 'public';
  // The secretariat's own views, offered only to the secretariat.
  const workbenchViews = level === 'secretariat' ? (['scenario', 'report'] as const) : [];

  return (
    <header className="top-bar">
      <button type="button" className="icon-button filters-toggle" onClick={onToggleFilters}>
        <span aria-hidden="true">☰</span>
        <span className="visually-hidden">{t('topBar.toggleFilters')}</span>
      </button>
      <h1>
        {t('app.title')}
        <span className="subtitle">{t('app.subtitle')}</span>
      </h1>
      <span className={`level-badge level-${level}`} data-level={level}>
        {t(`level.${level}`)}
      </span>
      <div className="top-bar-actions">
        <fieldset className="segmented" aria-label={t('topBar.viewLabel')}>
          {([...(['map', 'list', 'diagram'] as const), ...workbenchViews] as const).map((option) => (
            <label key={option} className={view === option ? 'active' : undefined}>
              <input
                type="radio"
                name="view"
                value={option}
                checked={view === option}
                onChange={() => setView(option)}
              />
              {t(`topBar.${option}View`)}
            </label>
          ))}
        </fieldset>
        {level === 'secretariat' ? (
          <button
            type="button"
            aria-pressed={view === 'board'}
            onClick={() => setView(view === 'board' ? 'map' : 'board')}
          >
            {t('pipeline.board')}
          </button>
        ) : null}
        <LanguageToggle name="language" />
        <button
          type="button"
          className="present-button"
          onClick={() => {
            // Full screen needs this click; where the browser refuses, the layout fills the window anyway.
            void document.documentElement.requestFullscreen?.().catch(() => undefined);
            const store = useUiStore.getState();
            store.setChapter(0);
            store.setMode('present');
          }}
        >
          {t('present.start')}
        </button>
        <RegistrationButtons />
        <ExportMenu legend={legend} credits={credits} />
        <StaffControls />
      </div>
    </header>
  );
}
