import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import type { Resource } from '../../domain/schema.ts';
import { usePartners } from '../api/queries.ts';
import { formatKm, formatQuantity } from '../format.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { PartnerFinderState } from '../state/view-state.ts';

interface Props {
  finder: PartnerFinderState;
  companies: ReadonlyMap<string, MapCompany>;
  resources: readonly Resource[];
  contactEmail: string | null;
}

const radii = [2, 5, 10, 20, 40, 80];

/** "Who near me has / needs this?": a circle on the map and the partners inside it, best first. */
export function PartnerFinder({ finder, companies, resources, contactEmail }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const partners = usePartners(finder);
  const { setPartnerFinder, selectCompany, requestFlyTo } = useUiStore.getState();
  const update = (patch: Partial<PartnerFinderState>) => setPartnerFinder({ ...finder, ...patch });
  const searcher = finder.companyId ? companies.get(finder.companyId) : undefined;
  const resource = resources.find((r) => r.id === finder.resourceId);
  const results = (partners.data ?? []).filter((match) => match.companyId !== finder.companyId);

  const mailto = (partnerName: string) => {
    const subject = t('finder.contactSubject', {
      company: searcher?.name ?? '—',
      partner: partnerName,
      resource: resource?.label[language] ?? t('finder.anyResource'),
    });
    return `mailto:${contactEmail ?? ''}?subject=${encodeURIComponent(subject)}`;
  };

  return (
    <section className="details" aria-labelledby="finder-title">
      <header className="details-head">
        <h2 id="finder-title">{t('finder.title')}</h2>
        <button type="button" className="icon-button" onClick={() => setPartnerFinder(null)}>
          <span aria-hidden="true">×</span>
          <span className="visually-hidden">{t('finder.close')}</span>
        </button>
      </header>
      <p className="hint">{t('finder.intro')}</p>
      <p>
        {t('finder.around')}: <strong>{searcher?.name ?? t('finder.aroundMapCentre')}</strong>
      </p>
      <label className="field">
        {t('finder.resource')}
        <select
          value={finder.resourceId ?? ''}
          onChange={(event) => update({ resourceId: event.target.value || null })}
        >
          <option value="">{t('finder.anyResource')}</option>
          {[...resources]
            .sort((a, b) => a.label[language].localeCompare(b.label[language]))
            .map((r) => (
              <option key={r.id} value={r.id}>
                {r.label[language]}
              </option>
            ))}
        </select>
      </label>
      <label className="field">
        {t('finder.lookingFor')}
        <select
          value={finder.direction ?? ''}
          onChange={(event) =>
            update({ direction: (event.target.value || null) as PartnerFinderState['direction'] })
          }
        >
          <option value="output">{t('finder.have')}</option>
          <option value="input">{t('finder.need')}</option>
          <option value="">{t('finder.either')}</option>
        </select>
      </label>
      <label className="field">
        {t('finder.radius')}: <strong>{finder.radiusKm} km</strong>
        <select
          value={finder.radiusKm}
          onChange={(event) => update({ radiusKm: Number(event.target.value) })}
        >
          {[...new Set([...radii, finder.radiusKm])]
            .sort((a, b) => a - b)
            .map((km) => (
              <option key={km} value={km}>
                {km} km
              </option>
            ))}
        </select>
      </label>

      {partners.isError ? (
        <p role="alert" className="error-text">
          {partners.error.message}
        </p>
      ) : null}
      <p role="status" className="muted">
        {partners.isPending
          ? '…'
          : results.length === 0
            ? t('finder.none', { radius: finder.radiusKm })
            : t('finder.results', { count: results.length, radius: finder.radiusKm })}
      </p>
      <ol className="row-list partner-results">
        {results.map((match) => {
          const partner = companies.get(match.companyId);
          const name = partner?.name ?? match.companyId;
          return (
            <li key={match.companyId} data-company={match.companyId}>
              <button
                type="button"
                className="row-button"
                onClick={() => {
                  const [lon, lat] = partner ? [partner.lon, partner.lat] : [0, 0];
                  selectCompany(match.companyId);
                  requestFlyTo({ lon, lat });
                }}
              >
                <span>{name}</span>
                <span className="muted">
                  {formatKm(match.distanceKm, language)}
                  {match.streams[0]
                    ? ` · ${t(`direction.${match.streams[0].direction}`)} ${
                        resources.find((r) => r.id === match.streams[0]?.resourceId)?.label[language] ?? ''
                      } ${formatQuantity(match.streams[0].quantity, language) ?? ''}`
                    : ''}
                  {match.withinTransportRange === false ? ` · ${t('finder.outOfRange')}` : ''}
                </span>
              </button>
              <a className="contact" href={mailto(name)}>
                {t('finder.contact')}
              </a>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
