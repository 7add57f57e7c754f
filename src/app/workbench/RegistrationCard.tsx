import { distance } from '@turf/distance';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import { municipalityName } from '../../domain/municipalities.ts';
import type { Resource } from '../../domain/resource.ts';
import type { Registration } from '../../domain/workbench/registration.ts';
import { errorText } from '../api/http.ts';
import { useAcceptRegistration, useDeclineRegistration } from '../api/registration-queries.ts';
import { formatKm, formatNumber, prettyUnit } from '../format.ts';
import { locale } from '../i18n/locale.ts';
import { useUiStore } from '../state/ui-store.ts';

interface Props {
  registration: Registration;
  companies: readonly MapCompany[];
  resources: ReadonlyMap<string, Resource>;
}

/** Companies to merge into, the nearest first: a registration usually repeats one that is already there. */
const MERGE_CHOICES = 40;

export function formatDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium' }).format(new Date(iso));
}

/** Once accepted: to the map, with the company selected and in view. */
function showCompany(companyId: string, at: { lon: number; lat: number }) {
  const ui = useUiStore.getState();
  ui.setView('map');
  ui.selectCompany(companyId);
  ui.requestFlyTo({ ...at, zoom: 12 });
}

/** One registration in the secretariat's queue: everything the company sent, and the decision on it. */
export function RegistrationCard({ registration, companies, resources }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const id = useId();
  const accept = useAcceptRegistration();
  const decline = useDeclineRegistration();
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const { reference, submission, status } = registration;
  const { company, contact, location, streams, consent } = submission;

  const nearest = useMemo(
    () =>
      companies
        .map((candidate) => ({
          candidate,
          km: distance([location.lon, location.lat], [candidate.lon, candidate.lat], { units: 'kilometers' }),
        }))
        .sort((a, b) => a.km - b.km)
        .slice(0, MERGE_CHOICES),
    [companies, location.lon, location.lat],
  );

  const acceptInto = (target: string | undefined) =>
    accept.mutate(
      { reference, into: target },
      {
        onSuccess: (accepted) => {
          const merged = companies.find((candidate) => candidate.id === accepted.companyId);
          if (accepted.companyId) showCompany(accepted.companyId, merged ?? location);
        },
      },
    );
  const sendDecline = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() !== '') decline.mutate({ reference, reason: reason.trim() });
  };

  const municipality = registration.municipality
    ? (municipalityName(registration.municipality, language) ?? registration.municipality)
    : t('registration.queue.outside');
  const busy = accept.isPending || decline.isPending;
  const failure = accept.error ?? decline.error;
  const acceptedCompany = companies.find((candidate) => candidate.id === registration.companyId);

  return (
    <article className={`reg-card reg-${status}`} aria-labelledby={`${id}-name`} data-reference={reference}>
      <header className="reg-card-head">
        <h3 id={`${id}-name`} className="reg-card-title">
          {company.name}
        </h3>
        <span className={`reg-status reg-status-${status}`}>{t(`registration.queue.status.${status}`)}</span>
      </header>
      <p className="muted">
        {t('registration.queue.reference', { reference })} ·{' '}
        {t('registration.queue.submitted', { date: formatDay(registration.submittedAt, language) })}
        {company.cvr ? ` · ${t('registration.queue.cvr', { cvr: company.cvr })}` : ''}
      </p>
      {company.website ? (
        <p>
          <a href={company.website} rel="noreferrer noopener" target="_blank">
            {company.website}
          </a>
        </p>
      ) : null}
      {company.about ? <p>{company.about}</p> : null}
      <dl className="reg-facts">
        <dt className="reg-fact-term">{t('registration.queue.contact')}</dt>
        <dd className="reg-fact-value">
          {contact.name} · <a href={`mailto:${contact.email}`}>{contact.email}</a>
          {contact.phone ? ` · ${contact.phone}` : ''}
        </dd>
        <dt className="reg-fact-term">{t('registration.queue.site')}</dt>
        <dd className="reg-fact-value">
          {municipality} ({formatNumber(location.lat, language, 4)} N,{' '}
          {formatNumber(location.lon, language, 4)} E)
        </dd>
        <dt className="reg-fact-term">{t('registration.queue.streams')}</dt>
        <dd className="reg-fact-value">
          <ul className="reg-stream-list">
            {streams.map((stream) => (
              <li key={`${stream.direction}-${stream.resourceId}`}>
                <strong>{t(`direction.${stream.direction}`)}:</strong>{' '}
                {resources.get(stream.resourceId)?.label[language] ?? stream.resourceId} —{' '}
                {stream.quantity
                  ? `${formatNumber(stream.quantity.value, language)} ${prettyUnit(stream.quantity.unit)}`
                  : t('registration.queue.quantityUnknown')}
                {stream.note ? <span className="muted"> ({stream.note})</span> : null}
              </li>
            ))}
          </ul>
        </dd>
        <dt className="reg-fact-term">{t('registration.consent')}</dt>
        <dd className="reg-fact-value">
          {t('registration.queue.shownTo', { who: t(`registration.shownTo.${consent.shownTo}`) })};{' '}
          {consent.exactQuantities ? t('registration.queue.exactYes') : t('registration.queue.exactNo')}
        </dd>
      </dl>
      {registration.edits.length > 0 ? (
        <p className="hint">{t('registration.queue.edited', { count: registration.edits.length })}</p>
      ) : null}

      {status === 'accepted' && registration.companyId ? (
        <p>
          {t('registration.queue.accepted', { date: formatDay(registration.decidedAt ?? '', language) })}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => showCompany(registration.companyId ?? '', acceptedCompany ?? location)}
          >
            {acceptedCompany?.name ?? registration.companyId} — {t('registration.queue.showOnMap')}
          </button>
        </p>
      ) : null}
      {status === 'declined' ? (
        <p>
          {t('registration.queue.declined', {
            date: formatDay(registration.decidedAt ?? '', language),
            reason: registration.declineReason ?? '',
          })}
        </p>
      ) : null}

      {status === 'pending' ? (
        <div className="reg-decision">
          <button type="button" className="primary" disabled={busy} onClick={() => acceptInto(undefined)}>
            {accept.isPending ? t('registration.queue.working') : t('registration.queue.acceptNew')}
          </button>
          <div className="reg-row">
            <label className="field reg-grow">
              {t('registration.queue.mergeInto')}
              <select value={into} onChange={(event) => setInto(event.target.value)}>
                <option value="">{t('registration.queue.chooseCompany')}</option>
                {nearest.map(({ candidate, km }) => (
                  <option key={candidate.id} value={candidate.id}>
                    {t('registration.queue.nearby', { name: candidate.name, km: formatKm(km, language) })}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={busy || into === ''} onClick={() => acceptInto(into)}>
              {t('registration.queue.merge')}
            </button>
          </div>
          <form className="reg-row" onSubmit={sendDecline}>
            <label className="field reg-grow">
              {t('registration.queue.declineReason')}
              <input value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} />
            </label>
            <button type="submit" disabled={busy || reason.trim() === ''}>
              {t('registration.queue.decline')}
            </button>
          </form>
        </div>
      ) : null}
      {failure ? (
        <p role="alert" className="error-text">
          {t('registration.queue.refused', { message: errorText(failure) })}
        </p>
      ) : null}
    </article>
  );
}
