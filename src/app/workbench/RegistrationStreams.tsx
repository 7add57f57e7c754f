import { useTranslation } from 'react-i18next';
import { RESOURCE_CATEGORIES, type Resource } from '../../domain/resource.ts';
import { unitsFor } from '../../domain/workbench/registration.ts';
import { prettyUnit } from '../format.ts';

/** One side-stream as the form holds it: text as typed, turned into a stream when sent. */
export interface StreamRow {
  key: number;
  direction: 'output' | 'input';
  resourceId: string;
  quantity: string;
  unit: string;
  note: string;
}

interface Props {
  rows: StreamRow[];
  resources: readonly Resource[];
  onChange(rows: StreamRow[]): void;
  /** The message to show under a row's field, by path (`streams.0.resourceId`). */
  errorAt(path: string): string | null;
}

/** The outputs the company has and the inputs it needs, each from the taxonomy, a figure if it knows one. */
export function RegistrationStreams({ rows, resources, onChange, errorAt }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  const sorted = [...resources].sort((a, b) => a.label[language].localeCompare(b.label[language], language));
  const update = (key: number, change: Partial<StreamRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <>
      {rows.map((row, index) => {
        const resource = byId.get(row.resourceId);
        const id = `reg-stream-${row.key}`;
        const problem = (field: string) => errorAt(`streams.${index}${field}`);
        const resourceProblem = problem('.resourceId') ?? problem('');
        const quantityProblem = problem('.quantity.value') ?? problem('.quantity.unit');
        return (
          <fieldset key={row.key} className="reg-stream">
            <legend>{t('registration.streamNumber', { number: index + 1 })}</legend>
            <div className="reg-row">
              <label className="field">
                {t('registration.direction')}
                <select
                  value={row.direction}
                  onChange={(event) =>
                    update(row.key, { direction: event.target.value === 'input' ? 'input' : 'output' })
                  }
                >
                  <option value="output">{t('registration.has')}</option>
                  <option value="input">{t('registration.needs')}</option>
                </select>
              </label>
              <div className="field reg-grow">
                <label htmlFor={`${id}-resource`}>{t('registration.resource')}</label>
                <select
                  id={`${id}-resource`}
                  value={row.resourceId}
                  aria-invalid={resourceProblem ? true : undefined}
                  aria-describedby={resourceProblem ? `${id}-resource-error` : undefined}
                  onChange={(event) => {
                    const next = byId.get(event.target.value);
                    update(row.key, { resourceId: event.target.value, unit: next?.canonicalUnit ?? '' });
                  }}
                >
                  <option value="">{t('registration.chooseResource')}</option>
                  {RESOURCE_CATEGORIES.map((category) => (
                    <optgroup key={category} label={t(`category.${category}`)}>
                      {sorted
                        .filter((candidate) => candidate.category === category)
                        .map((candidate) => (
                          <option key={candidate.id} value={candidate.id}>
                            {candidate.label[language]}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
                {resourceProblem ? (
                  <span id={`${id}-resource-error`} className="reg-field-error">
                    {resourceProblem}
                  </span>
                ) : null}
              </div>
            </div>
            <div className="reg-row">
              <label className="field reg-grow">
                {t('registration.quantity')}
                <input
                  type="number"
                  min="0"
                  step="any"
                  inputMode="decimal"
                  value={row.quantity}
                  aria-invalid={quantityProblem ? true : undefined}
                  aria-describedby={quantityProblem ? `${id}-quantity-error` : undefined}
                  onChange={(event) => update(row.key, { quantity: event.target.value })}
                />
              </label>
              <label className="field reg-unit">
                {t('registration.unit')}
                <select
                  value={row.unit}
                  disabled={!resource}
                  onChange={(event) => update(row.key, { unit: event.target.value })}
                >
                  {resource ? (
                    unitsFor(resource).map((unit) => (
                      <option key={unit} value={unit}>
                        {prettyUnit(unit)}
                      </option>
                    ))
                  ) : (
                    <option value="">—</option>
                  )}
                </select>
              </label>
            </div>
            {quantityProblem ? (
              <span id={`${id}-quantity-error`} className="reg-field-error">
                {quantityProblem}
              </span>
            ) : null}
            <label className="field">
              {t('registration.note')}
              <input
                value={row.note}
                maxLength={500}
                onChange={(event) => update(row.key, { note: event.target.value })}
              />
            </label>
            {rows.length > 1 ? (
              <button
                type="button"
                className="link-button reg-remove"
                aria-label={`${t('registration.removeStream')}: ${t('registration.streamNumber', { number: index + 1 })}`}
                onClick={() => onChange(rows.filter((candidate) => candidate.key !== row.key))}
              >
                {t('registration.removeStream')}
              </button>
            ) : null}
          </fieldset>
        );
      })}
    </>
  );
}
