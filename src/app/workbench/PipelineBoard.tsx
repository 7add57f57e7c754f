import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { municipalityName } from '../../domain/municipalities.ts';
import type { Resource } from '../../domain/resource.ts';
import type { PipelineEntry } from '../../domain/workbench/pipeline.ts';
import {
  type BoardFilters,
  boardColumns,
  calendarDay,
  filterOptions,
  flyTargetOf,
  isOverdue,
  noBoardFilters,
} from '../../domain/workbench/pipeline-board.ts';
import { errorText } from '../api/http.ts';
import { useIsStaff, usePipeline } from '../api/pipeline-queries.ts';
import { useUiStore } from '../state/ui-store.ts';
import { formatDay } from './pipeline-format.ts';
import { StageGlyph } from './StageGlyph.tsx';

interface Props {
  resources: ReadonlyMap<string, Resource>;
}

/**
 * Shows an opportunity on the map: its arc opened in the details panel and the camera between its ends.
 * Its status is switched on in the legend if it was off (an ended one is historic, hidden by default).
 */
function showOnMap(entry: PipelineEntry): void {
  const ui = useUiStore.getState();
  if (!ui.statuses.includes(entry.status)) ui.toggleStatus(entry.status);
  ui.setPartnerFinder(null);
  ui.setView('map');
  ui.highlightArc(entry.exchangeId);
  // The camera moves once the panels are back and the map has taken its new size (two frames: React's
  // commit and layout, then MapLibre's resize). A flight planned on the board's full width would end off
  // centre, or be pushed aside by the map's pan limits, once the map narrows.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => useUiStore.getState().requestFlyTo(flyTargetOf(entry))),
  );
}

function Card({
  entry,
  resource,
  today,
}: {
  entry: PipelineEntry;
  resource: Resource | undefined;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const nextStep = entry.item?.nextStep ?? null;
  const overdue = isOverdue(nextStep, today);
  const owner = entry.item?.owner ?? null;
  return (
    <li>
      <button
        type="button"
        className={`board-card${overdue ? ' overdue' : ''}`}
        data-exchange={entry.exchangeId}
        onClick={() => showOnMap(entry)}
      >
        <span className="board-card-title">
          {entry.from.name} → {entry.to.name}
        </span>
        <span className="board-card-line">
          <span className="swatch" style={{ background: resource?.colour }} aria-hidden="true" />
          {resource?.label[language] ?? entry.resourceId}
        </span>
        <span className={`board-card-line${owner ? '' : ' muted'}`}>
          {owner ? t('pipeline.ownerIs', { owner }) : t('pipeline.noOwner')}
        </span>
        {nextStep ? (
          <span className="board-card-next">
            <span>{nextStep.text}</span>
            <span className="board-card-due" data-due={nextStep.due}>
              {overdue ? (
                <strong className="overdue-badge">
                  <span aria-hidden="true">⚠ </span>
                  {t('pipeline.overdue')}
                </strong>
              ) : null}{' '}
              {t('pipeline.due', { date: formatDay(nextStep.due, language) })}
            </span>
          </span>
        ) : (
          <span className="board-card-line muted">{t('pipeline.noNextStep')}</span>
        )}
      </button>
    </li>
  );
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | null;
  options: { value: string; label: string }[];
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="field">
      {label}
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
        <option value="">{t('pipeline.all')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The secretariat's board: one column per stage; a card opens its arc on the map. */
export function PipelineBoard({ resources }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const isStaff = useIsStaff();
  const pipeline = usePipeline();
  const [filters, setFilters] = useState<BoardFilters>(noBoardFilters);
  const entries = pipeline.data ?? [];
  const columns = useMemo(() => boardColumns(pipeline.data ?? [], filters), [pipeline.data, filters]);
  const options = useMemo(() => filterOptions(pipeline.data ?? []), [pipeline.data]);
  const today = calendarDay(new Date());
  const shown = columns.reduce((sum, column) => sum + column.entries.length, 0);
  const set = (field: keyof BoardFilters) => (value: string | null) =>
    setFilters((current) => ({ ...current, [field]: value }));

  return (
    <div className="board-view" data-pipeline-board={pipeline.isSuccess ? 'ready' : 'loading'}>
      <header className="board-head">
        <div>
          <h2>{t('pipeline.boardTitle')}</h2>
          <p className="hint">{t('pipeline.boardIntro')}</p>
        </div>
        <button type="button" onClick={() => useUiStore.getState().setView('map')}>
          {t('pipeline.backToMap')}
        </button>
      </header>
      {!isStaff ? (
        <p role="status">{t('pipeline.staffOnly')}</p>
      ) : pipeline.isError ? (
        <p role="alert" className="error-text">
          {t('pipeline.loadError', { message: errorText(pipeline.error) })}
        </p>
      ) : pipeline.isPending ? (
        <p role="status">{t('pipeline.loading')}</p>
      ) : (
        <>
          <fieldset className="board-filters">
            <legend className="visually-hidden">{t('pipeline.filters')}</legend>
            <FilterSelect
              label={t('pipeline.municipality')}
              value={filters.municipality}
              onChange={set('municipality')}
              options={options.municipalities.map((code) => ({
                value: code,
                label: municipalityName(code, language) ?? code,
              }))}
            />
            <FilterSelect
              label={t('pipeline.resource')}
              value={filters.resourceId}
              onChange={set('resourceId')}
              options={options.resourceIds.map((id) => ({
                value: id,
                label: resources.get(id)?.label[language] ?? id,
              }))}
            />
            <FilterSelect
              label={t('pipeline.owner')}
              value={filters.owner}
              onChange={set('owner')}
              options={options.owners.map((owner) => ({ value: owner, label: owner }))}
            />
            <p className="hint" role="status">
              {t('pipeline.shown', { count: shown })}
              {shown < entries.length ? ` / ${entries.length}` : ''}
            </p>
          </fieldset>
          <div className="board-columns">
            {columns.map((column) => (
              <section
                key={column.stage}
                className="board-column"
                data-stage={column.stage}
                aria-labelledby={`board-${column.stage}`}
              >
                <h3 id={`board-${column.stage}`} className="board-column-title">
                  <StageGlyph stage={column.stage} />
                  <span className="board-column-name">{t(`pipeline.stage.${column.stage}`)}</span>
                  <span className="board-count">{column.entries.length}</span>
                </h3>
                {column.entries.length === 0 ? (
                  <p className="hint">{t('pipeline.emptyColumn')}</p>
                ) : (
                  <ul className="board-cards">
                    {column.entries.map((entry) => (
                      <Card
                        key={entry.exchangeId}
                        entry={entry}
                        resource={resources.get(entry.resourceId)}
                        today={today}
                      />
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
