import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import type { Resource } from '../../domain/resource.ts';
import {
  queueOrder,
  REGISTRATION_STATUSES,
  type RegistrationStatus,
} from '../../domain/workbench/registration.ts';
import { useRegistrations } from '../api/registration-queries.ts';
import { useUiStore } from '../state/ui-store.ts';
import { RegistrationCard } from './RegistrationCard.tsx';

interface Props {
  companies: readonly MapCompany[];
  resources: ReadonlyMap<string, Resource>;
}

/** The secretariat's queue of registrations from companies: the waiting ones first, newest first. */
export function RegistrationQueue({ companies, resources }: Props) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RegistrationStatus | null>(null);
  const registrations = useRegistrations(status, true);
  const sorted = [...(registrations.data ?? [])].sort(queueOrder);

  return (
    <section className="reg-queue" aria-labelledby="reg-queue-title">
      <header className="reg-queue-head">
        <h2 id="reg-queue-title">{t('registration.queue.title')}</h2>
        <label className="field reg-filter">
          {t('registration.queue.filter')}
          <select
            value={status ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              setStatus(REGISTRATION_STATUSES.find((candidate) => candidate === value) ?? null);
            }}
          >
            <option value="">{t('registration.queue.all')}</option>
            {REGISTRATION_STATUSES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`registration.queue.status.${candidate}`)}
              </option>
            ))}
          </select>
        </label>
        {registrations.data ? (
          <span className="muted" aria-live="polite">
            {t('registration.queue.count', { count: sorted.length })}
          </span>
        ) : null}
        <button
          type="button"
          className="reg-queue-close"
          onClick={() => useUiStore.getState().setView('map')}
        >
          {t('registration.queue.close')}
        </button>
      </header>
      {registrations.isPending ? (
        <p className="panel-status" role="status">
          {t('registration.queue.loading')}
        </p>
      ) : registrations.isError ? (
        <div className="panel-status" role="alert">
          <p>{t('registration.queue.error', { message: registrations.error.message })}</p>
          <button type="button" onClick={() => void registrations.refetch()}>
            {t('registration.queue.retry')}
          </button>
        </div>
      ) : sorted.length === 0 ? (
        <p className="panel-status">{t('registration.queue.empty')}</p>
      ) : (
        <div className="reg-cards">
          {sorted.map((registration) => (
            <RegistrationCard
              key={registration.reference}
              registration={registration}
              companies={companies}
              resources={resources}
            />
          ))}
        </div>
      )}
    </section>
  );
}
