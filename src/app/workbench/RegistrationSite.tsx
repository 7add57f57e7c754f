import { Marker } from 'maplibre-gl';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { municipalityName } from '../../domain/municipalities.ts';
import { formatNumber } from '../format.ts';
import { useAtlasMap } from '../state/atlas-map-context.tsx';
import { useUiStore } from '../state/ui-store.ts';
import { useRegistrationSite } from './registration-draft.ts';

/**
 * The site of the registering company: a click on the map (the placement mode staff use to add a company)
 * or, without a mouse, the centre of the map moved there with the keyboard. A pin marks it.
 */
export function RegistrationSite({ error }: { error: string | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const atlas = useAtlasMap();
  const site = useRegistrationSite((state) => state.site);
  const setSite = useRegistrationSite((state) => state.setSite);
  const picking = useUiStore((state) => state.placingCompany);
  const setPicking = useUiStore((state) => state.setPlacingCompany);

  // Picking starts with the form when no site is chosen yet, and a chosen site ends it.
  useEffect(() => {
    if (useRegistrationSite.getState().site === null) setPicking(true);
    return () => setPicking(false);
  }, [setPicking]);
  useEffect(() => {
    if (site) setPicking(false);
  }, [site, setPicking]);

  useEffect(() => {
    if (!atlas || !site) return;
    const pin = new Marker({ color: '#e69f00' }).setLngLat([site.lon, site.lat]).addTo(atlas.map);
    pin.getElement().classList.add('reg-pin');
    return () => {
      pin.remove();
    };
  }, [atlas, site]);

  const takeCentre = () => {
    if (!atlas) return;
    const centre = atlas.map.getCenter();
    setSite({ lon: centre.lng, lat: centre.lat, municipality: atlas.municipalityAt(centre.lng, centre.lat) });
  };

  const name = site?.municipality ? municipalityName(site.municipality, language) : null;
  return (
    <fieldset className="reg-section">
      <legend>{t('registration.location')}</legend>
      <p className={site ? undefined : 'hint'} aria-live="polite" data-testid="registration-site">
        {site
          ? `${t('registration.locationPicked', {
              lat: formatNumber(site.lat, language, 4),
              lon: formatNumber(site.lon, language, 4),
            })}${name ? ` ${t('registration.locationIn', { name })}` : ''}`
          : picking
            ? t('registration.picking')
            : t('registration.locationNone')}
      </p>
      <div className="reg-buttons">
        <button type="button" aria-pressed={picking} onClick={() => setPicking(!picking)}>
          {site ? t('registration.movePin') : t('registration.pickOnMap')}
        </button>
        <button type="button" onClick={takeCentre} disabled={!atlas}>
          {t('registration.useCentre')}
        </button>
      </div>
      <p className="hint">{t('registration.centreHint')}</p>
      {error ? <span className="reg-field-error">{error}</span> : null}
    </fieldset>
  );
}
