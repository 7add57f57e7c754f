import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import { searchKey } from '../../domain/ids.ts';
import type { Resource } from '../../domain/resource.ts';
import { useAtlasMap } from '../state/atlas-map-context.tsx';
import { useUiStore } from '../state/ui-store.ts';

type Option =
  | { kind: 'company'; id: string; label: string; company: MapCompany }
  | { kind: 'resource'; id: string; label: string; resource: Resource };

interface Props {
  companies: readonly MapCompany[];
  resources: readonly Resource[];
}

/**
 * One search for companies (and their former names) and resources, as an ARIA combobox: ↑/↓ move, Enter
 * picks, Esc clears. A company is selected and flown to; a resource opens the partner finder for it.
 */
export function SearchBox({ companies, resources }: Props) {
  const { t, i18n } = useTranslation();
  const atlas = useAtlasMap();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const { selectCompany, requestFlyTo, setPartnerFinder } = useUiStore.getState();

  const options = useMemo((): Option[] => {
    const key = searchKey(query);
    if (key === '') return [];
    const companyOptions = companies
      .filter((company) =>
        [company.name, ...(company.aliases ?? [])].some((name) => searchKey(name).includes(key)),
      )
      .map(
        (company): Option => ({
          kind: 'company',
          id: company.id,
          label: company.name,
          company,
        }),
      );
    const resourceOptions = resources
      .filter((resource) => searchKey(`${resource.label.en} ${resource.label.da}`).includes(key))
      .map(
        (resource): Option => ({
          kind: 'resource',
          id: resource.id,
          label: resource.label[language],
          resource,
        }),
      );
    return [...companyOptions, ...resourceOptions].slice(0, 12);
  }, [query, companies, resources, language]);

  const choose = (option: Option) => {
    if (option.kind === 'company') {
      const { lon, lat } = option.company;
      selectCompany(option.id);
      requestFlyTo({ lon, lat, zoom: 12 });
    } else {
      const centre = atlas?.map.getCenter();
      setPartnerFinder({
        companyId: null,
        lon: centre?.lng ?? 11.3,
        lat: centre?.lat ?? 55.7,
        radiusKm: Math.min(option.resource.maxTransportKm, 30),
        resourceId: option.id,
        direction: 'output',
      });
    }
    setQuery(option.label);
    setOpen(false);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      const option = options[active];
      if (option) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape') {
      setQuery('');
      setOpen(false);
    }
  };

  const expanded = open && query.trim() !== '';
  return (
    <div className="search">
      <label htmlFor={`${listId}-input`} className="panel-heading">
        {t('search.label')}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && options[active] ? `${listId}-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => setOpen(true)}
      />
      {expanded ? (
        <div id={listId} role="listbox" className="search-results" aria-label={t('search.label')}>
          {options.length === 0 ? (
            <div className="empty" role="option" aria-selected="false" aria-disabled="true" tabIndex={-1}>
              {t('search.noResults', { query })}
            </div>
          ) : (
            options.map((option, i) => (
              <div
                key={`${option.kind}-${option.id}`}
                tabIndex={-1}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
              >
                <span className="option-kind">
                  {t(option.kind === 'company' ? 'search.company' : 'search.resource')}
                </span>
                {option.kind === 'resource' ? (
                  <span
                    className="swatch"
                    style={{ background: option.resource.colour }}
                    aria-hidden="true"
                  />
                ) : null}
                {option.label}
              </div>
            ))
          )}
        </div>
      ) : null}
    </div>
  );
}
