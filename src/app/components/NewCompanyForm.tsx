import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { regionMunicipalities } from '../../domain/basemap.ts';
import { municipalityLabel, municipalityName } from '../../domain/municipalities.ts';
import { errorText } from '../api/http.ts';
import { useCreateCompany } from '../api/queries.ts';
import { formatNumber } from '../format.ts';
import { useUiStore } from '../state/ui-store.ts';

interface Props {
  lon: number;
  lat: number;
  /** The municipality under the clicked point, when the outlines are installed. */
  municipality: string | null;
  onDone: () => void;
}

/** Staff register a company where they clicked; it shows on the map at once (optimistic) and gets its id. */
export function NewCompanyForm({ lon, lat, municipality, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const create = useCreateCompany();
  const [name, setName] = useState('');
  const [code, setCode] = useState(municipality ?? regionMunicipalities[0].code);
  const [descriptionEn, setDescriptionEn] = useState('');
  const [descriptionDa, setDescriptionDa] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        name,
        location: { lon, lat },
        municipality: code,
        description: { en: descriptionEn, da: descriptionDa || descriptionEn },
      },
      {
        onSuccess: (company) => {
          useUiStore.getState().selectCompany(company.properties.id);
          onDone();
        },
      },
    );
  };

  return (
    <form className="details stack" onSubmit={submit} aria-labelledby="new-company-title">
      <h2 id="new-company-title">{t('staff.newCompany')}</h2>
      <p className="muted">
        {t('staff.position', {
          lon: formatNumber(lon, i18n.language, 4),
          lat: formatNumber(lat, i18n.language, 4),
        })}
      </p>
      <label className="field">
        {t('staff.name')}
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
      </label>
      <label className="field">
        {t('staff.municipalityCode')}
        <select value={code} onChange={(event) => setCode(event.target.value)}>
          {regionMunicipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
          {/* A click just outside the three municipalities offers the one it fell in, by name. */}
          {municipality && !regionMunicipalities.some((m) => m.code === municipality) ? (
            <option value={municipality}>
              {municipalityName(municipality) ?? municipalityLabel(municipality)}
            </option>
          ) : null}
        </select>
      </label>
      <label className="field">
        {t('staff.descriptionEn')}
        <input value={descriptionEn} onChange={(event) => setDescriptionEn(event.target.value)} required />
      </label>
      <label className="field">
        {t('staff.descriptionDa')}
        <input value={descriptionDa} onChange={(event) => setDescriptionDa(event.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          {t('staff.cancel')}
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('staff.saving') : t('staff.save')}
        </button>
      </div>
      {create.isError ? (
        <p role="alert" className="error-text">
          {t('staff.errorPrefix', { message: errorText(create.error) })}
        </p>
      ) : null}
    </form>
  );
}
