import { useTranslation } from 'react-i18next';
import { regionMunicipalities } from '../../domain/basemap.ts';
import { RESOURCE_CATEGORIES, type ResourceCategory } from '../../domain/resource.ts';
import { useUiStore } from '../state/ui-store.ts';

/** Municipality, resource category and year. Native controls: keyboard and screen readers work as expected. */
export function FiltersPanel({ firstYear, currentYear }: { firstYear: number; currentYear: number }) {
  const { t } = useTranslation();
  const municipality = useUiStore((state) => state.municipality);
  const category = useUiStore((state) => state.category);
  const year = useUiStore((state) => state.year);
  const { setMunicipality, setCategory, setYear } = useUiStore.getState();
  const active = municipality !== null || category !== null || year !== null;

  return (
    <section className="panel-section" aria-labelledby="filters-title">
      <h2 id="filters-title" className="panel-heading">
        {t('filters.title')}
      </h2>
      <label className="field">
        {t('filters.municipality')}
        <select value={municipality ?? ''} onChange={(event) => setMunicipality(event.target.value || null)}>
          <option value="">{t('filters.allMunicipalities')}</option>
          {regionMunicipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('filters.category')}
        <select
          value={category ?? ''}
          onChange={(event) => setCategory((event.target.value || null) as ResourceCategory | null)}
        >
          <option value="">{t('filters.allCategories')}</option>
          {RESOURCE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <label htmlFor="year-filter">
          {t('filters.year')}: <strong>{year ?? t('filters.anyYear')}</strong>
        </label>
        <div className="year-row">
          <input
            id="year-filter"
            type="range"
            min={firstYear}
            max={currentYear}
            value={year ?? currentYear}
            onChange={(event) => setYear(Number(event.target.value))}
            aria-valuetext={year === null ? t('filters.anyYear') : String(year)}
          />
          {year !== null ? (
            <button type="button" className="small" onClick={() => setYear(null)}>
              ×<span className="visually-hidden">{t('filters.anyYear')}</span>
            </button>
          ) : null}
        </div>
        {year !== null ? <p className="hint">{t('filters.yearHint', { year })}</p> : null}
      </div>
      {active ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setMunicipality(null);
            setCategory(null);
            setYear(null);
          }}
        >
          {t('filters.clear')}
        </button>
      ) : null}
    </section>
  );
}
