import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import { currentStreams, isCurrentStream } from '../../domain/company.ts';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import { municipalityLabel } from '../../domain/municipalities.ts';
import type { Exchange, Resource, Stream } from '../../domain/schema.ts';
import { useCompanyDetail, useServerSession } from '../api/queries.ts';
import { exchangePeriod } from '../exchange-period.ts';
import { formatKm, formatNumber, formatQuantity, prettyUnit } from '../format.ts';
import { useUiStore } from '../state/ui-store.ts';

// Staff tools load when a staff member first opens a company, never for the public.
const StaffCompanyActions = lazy(() =>
  import('./StaffCompanyActions.tsx').then((module) => ({ default: module.StaffCompanyActions })),
);

interface Props {
  companyId: string;
  companies: ReadonlyMap<string, MapCompany>;
  resources: ReadonlyMap<string, Resource>;
}

function positionOf(company: MapCompany | undefined): { lon: number; lat: number } | null {
  return company ? { lon: company.lon, lat: company.lat } : null;
}

/** A selected company: what it is, what it has and needs, what flows, and who it could exchange with next. */
export function CompanyDetails({ companyId, companies, resources }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const detail = useCompanyDetail(companyId);
  const isStaff = useServerSession().data?.level === 'secretariat';
  const { selectCompany, highlightArc, requestFlyTo, setPartnerFinder } = useUiStore.getState();
  const nameOf = (id: string) => companies.get(id)?.name ?? id;
  const resourceName = (id: string) => resources.get(id)?.label[language] ?? id;

  if (detail.isPending) return <p className="panel-status">{t('details.loading')}</p>;
  if (detail.isError || !detail.data) {
    return (
      <div className="panel-status" role="alert">
        <p>{detail.error?.message ?? t('details.notFound')}</p>
        <button type="button" onClick={() => selectCompany(null)}>
          {t('details.close')}
        </button>
      </div>
    );
  }

  const { company, exchanges, candidates } = detail.data;
  const p = company.properties;
  const streamsBy = (direction: Stream['direction']) =>
    currentStreams(p.streams).filter((stream) => stream.direction === direction);

  const focusPartner = (partnerId: string, arcId: string) => {
    const position = positionOf(companies.get(partnerId));
    if (position) requestFlyTo({ ...position, zoom: 12 });
    highlightArc(arcId);
  };

  const streamList = (direction: Stream['direction']) => {
    const streams = streamsBy(direction);
    return (
      <div>
        <h4>{t(direction === 'output' ? 'direction.outputs' : 'direction.inputs')}</h4>
        {streams.length === 0 ? (
          <p className="hint">{t('details.streamsNone')}</p>
        ) : (
          <ul className="stream-list">
            {streams.map((stream) => (
              <li key={stream.id}>
                <span
                  className={`swatch ${direction === 'input' ? 'swatch-ring' : ''}`}
                  style={{
                    background: direction === 'output' ? resources.get(stream.resourceId)?.colour : undefined,
                    borderColor: resources.get(stream.resourceId)?.colour,
                  }}
                  aria-hidden="true"
                />
                <span>{resourceName(stream.resourceId)}</span>
                <span className="muted">
                  {formatQuantity(stream.quantity, language) ?? t('details.quantityUnknown')}
                </span>
                {stream.verification === 'reported' || stream.verification === 'estimate' ? (
                  <span className="figure-note" data-verification={stream.verification}>
                    {t(`details.figure.${stream.verification}`)}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  };

  return (
    <article className="details" aria-labelledby="company-title">
      <header className="details-head">
        <h2 id="company-title">{p.name}</h2>
        <button type="button" className="icon-button" onClick={() => selectCompany(null)}>
          <span aria-hidden="true">×</span>
          <span className="visually-hidden">{t('details.close')}</span>
        </button>
      </header>
      <p className="muted">
        {t(`role.${p.role}`)}
        {p.partnerSince
          ? ` · ${
              p.partnerUntil
                ? t('details.partnerPeriod', { since: p.partnerSince, until: p.partnerUntil })
                : t('details.partnerSince', { year: p.partnerSince })
            }`
          : ''}
        {p.locationAccuracy !== 'exact' ? ` · ${t('details.locationApprox')}` : ''}
      </p>
      <p className="muted" data-municipality={p.municipality ?? ''}>
        {p.municipality === null
          ? t('details.noMunicipality')
          : t('details.municipality', { name: municipalityLabel(p.municipality, language) })}
      </p>
      <p>{p.description[language]}</p>
      {p.website ? (
        <p>
          <a href={p.website} target="_blank" rel="noreferrer noopener">
            {t('details.website')}
          </a>
        </p>
      ) : null}

      <div className="stream-columns">
        {streamList('output')}
        {streamList('input')}
      </div>

      <h3>{t('details.exchanges')}</h3>
      {exchanges.length === 0 ? (
        <p className="hint">{t('details.exchangesNone')}</p>
      ) : (
        <ul className="row-list">
          {exchanges.map((exchange: Exchange) => {
            const outgoing = exchange.from === p.id;
            const partner = outgoing ? exchange.to : exchange.from;
            return (
              <li key={exchange.id}>
                <button
                  type="button"
                  className="row-button"
                  onClick={() => focusPartner(partner, exchange.id)}
                >
                  <span
                    className="swatch"
                    style={{ background: resources.get(exchange.resourceId)?.colour }}
                    aria-hidden="true"
                  />
                  <span>
                    {resourceName(exchange.resourceId)}{' '}
                    {t(outgoing ? 'details.to' : 'details.from', { name: nameOf(partner) })}
                  </span>
                  <span className="muted">
                    {t(`exchangeStatus.${exchange.status}`)}
                    {exchangePeriod(exchange, t) ? ` · ${exchangePeriod(exchange, t)}` : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <h3>{t('details.candidates')}</h3>
      {candidates.length === 0 ? (
        <p className="hint">{t('details.candidatesNone')}</p>
      ) : (
        <ol className="row-list">
          {candidates.map((candidate: CandidateExchange) => {
            const partner =
              candidate.fromCompanyId === p.id ? candidate.toCompanyId : candidate.fromCompanyId;
            const matched = formatQuantity(candidate.matchedQuantity, language);
            const impact = candidate.impact;
            return (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="row-button"
                  onClick={() => {
                    useUiStore.getState().setShowCandidates(true);
                    focusPartner(partner, candidate.id);
                  }}
                >
                  <span
                    className="swatch swatch-dashed"
                    style={{ borderColor: resources.get(candidate.resourceId)?.colour }}
                    aria-hidden="true"
                  />
                  <span>
                    {t('details.candidateRow', {
                      partner: nameOf(partner),
                      resource: resourceName(candidate.resourceId),
                      distance: formatKm(candidate.distanceKm, language),
                    })}
                  </span>
                  <span className="muted">
                    {matched ? `${t('details.matched')} ${matched} · ` : ''}
                    {impact && impact.value !== null
                      ? `${t('details.impact')} ${formatNumber(impact.value, language)} ${prettyUnit(impact.unit)}`
                      : t('details.impactUnknown')}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}

      <button
        type="button"
        className="primary"
        onClick={() => {
          const [lon = 0, lat = 0] = company.geometry.coordinates;
          const position = { lon, lat };
          const firstStream = p.streams.find(isCurrentStream);
          setPartnerFinder({
            companyId: p.id,
            ...position,
            radiusKm: Math.min(resources.get(firstStream?.resourceId ?? '')?.maxTransportKm ?? 20, 40),
            resourceId: firstStream?.resourceId ?? null,
            direction: firstStream ? (firstStream.direction === 'output' ? 'input' : 'output') : null,
          });
        }}
      >
        {t('details.findPartners', { name: p.name })}
      </button>

      {isStaff ? (
        <Suspense fallback={<p className="panel-status">{t('details.loading')}</p>}>
          <StaffCompanyActions company={company} resources={resources} candidates={candidates} />
        </Suspense>
      ) : null}

      <details className="sources">
        <summary>{t('details.sources')}</summary>
        <ul>
          {p.source.map((source) => (
            <li key={source}>{/^https?:\/\//.test(source) ? <a href={source}>{source}</a> : source}</li>
          ))}
        </ul>
      </details>
    </article>
  );
}
