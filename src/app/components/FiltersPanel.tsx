import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import { regionMunicipalities } from '../../domain/basemap.ts';
import { municipalityLabel, municipalityName } from '../../domain/municipalities.ts';
import { RESOURCE_CATEGORIES, type ResourceCategory } from '../../domain/resource.ts';
import { useUiStore } from '../state/ui-store.ts';

const REGION_CODES = new Set<string>(regionMunicipalities.map((m) => m.code));

/** Municipality, resource category and year. Native controls: keyboard and screen readers work as expected. */
export function FiltersPanel({
  firstYear,
  currentYear,
  companies = [],
}: {
  firstYear: number;
  currentYear: number;
  /** Every municipality a record uses beyond the three can be chosen too, by its name. */
  companies?: readonly MapCompany[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const nameOf = (code: string) => municipalityName(code, language) ?? municipalityLabel(code) ?? code;
  const elsewhere = useMemo(() => {
    const name = (code: string) => municipalityName(code, language) ?? code;
    const codes = companies
      .map((company) => company.municipality)
      .filter((code): code is string => code !== null && !REGION_CODES.has(code));
    return [...new Set(codes)].sort((a, b) => name(a).localeCompare(name(b), language));
  }, [companies, language]);
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
          <optgroup label={t('filters.regionMunicipalities')}>
            {regionMunicipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {nameOf(m.code)}
              </option>
            ))}
          </optgroup>
          {elsewhere.length > 0 ? (
            <optgroup label={t('filters.otherMunicipalities')}>
              {elsewhere.map((code) => (
                <option key={code} value={code}>
                  {nameOf(code)}
                </option>
              ))}
            </optgroup>
          ) : null}
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
