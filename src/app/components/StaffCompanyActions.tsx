import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import type { CompanyFeature, Resource } from '../../domain/schema.ts';
import { errorText } from '../api/http.ts';
import { useCreateCandidate, useCreateStream } from '../api/queries.ts';

interface Props {
  company: CompanyFeature;
  resources: ReadonlyMap<string, Resource>;
  candidates: readonly CandidateExchange[];
}

/** Staff tools on a company: register a side-stream, record a computed match as a candidate exchange. */
export function StaffCompanyActions({ company, resources, candidates }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const createStream = useCreateStream(company.properties.id);
  const createCandidate = useCreateCandidate();
  const [direction, setDirection] = useState<'output' | 'input'>('output');
  const [resourceId, setResourceId] = useState('');
  const [quantity, setQuantity] = useState('');
  const sorted = [...resources.values()].sort((a, b) => a.label[language].localeCompare(b.label[language]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const resource = resources.get(resourceId);
    if (!resource) return;
    const value = quantity.trim() === '' ? null : Number(quantity);
    createStream.mutate(
      {
        direction,
        resourceId,
        ...(value === null ? {} : { quantity: { value, unit: resource.canonicalUnit } }),
      },
      { onSuccess: () => setQuantity('') },
    );
  };

  return (
    <section className="staff-box" aria-labelledby="staff-stream-title">
      <h3 id="staff-stream-title">{t('staff.addStream')}</h3>
      <form onSubmit={submit} className="stack">
        <label className="field">
          {t('staff.direction')}
          <select
            value={direction}
            onChange={(event) => setDirection(event.target.value as 'output' | 'input')}
          >
            <option value="output">{t('direction.outputs')}</option>
            <option value="input">{t('direction.inputs')}</option>
          </select>
        </label>
        <label className="field">
          {t('finder.resource')}
          <select value={resourceId} onChange={(event) => setResourceId(event.target.value)} required>
            <option value="" disabled>
              —
            </option>
            {sorted.map((resource) => (
              <option key={resource.id} value={resource.id}>
                {resource.label[language]} ({resource.canonicalUnit})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('tooltip.quantity')}{' '}
          {resources.get(resourceId) ? `(${resources.get(resourceId)?.canonicalUnit})` : ''}
          <input
            type="number"
            min="0"
            step="any"
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={createStream.isPending}>
          {createStream.isPending ? t('staff.saving') : t('staff.save')}
        </button>
        {createStream.isError ? (
          <p role="alert" className="error-text">
            {t('staff.errorPrefix', { message: errorText(createStream.error) })}
          </p>
        ) : null}
      </form>

      {candidates.length > 0 ? (
        <>
          <h3>{t('staff.createCandidate')}</h3>
          <ul className="row-list">
            {candidates.slice(0, 5).map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="row-button"
                  disabled={createCandidate.isPending}
                  onClick={() =>
                    createCandidate.mutate({
                      from: candidate.fromCompanyId,
                      to: candidate.toCompanyId,
                      resourceId: candidate.resourceId,
                    })
                  }
                >
                  {resources.get(candidate.resourceId)?.label[language]}: {candidate.fromCompanyId} →{' '}
                  {candidate.toCompanyId}
                </button>
              </li>
            ))}
          </ul>
          {createCandidate.isSuccess ? <p role="status">{t('staff.recorded')}</p> : null}
          {createCandidate.isError ? (
            <p role="alert" className="error-text">
              {t('staff.errorPrefix', { message: errorText(createCandidate.error) })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
