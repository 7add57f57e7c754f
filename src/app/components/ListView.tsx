import { useTranslation } from 'react-i18next';
import { currentStreams } from '../../domain/company.ts';
import { municipalityLabel, municipalityName } from '../../domain/municipalities.ts';
import type { CompanyFeature, Exchange, Resource } from '../../domain/schema.ts';
import { exchangePeriod } from '../exchange-period.ts';
import { formatQuantity } from '../format.ts';
import { useUiStore } from '../state/ui-store.ts';

interface Props {
  companies: readonly CompanyFeature[];
  exchanges: readonly Exchange[];
  companyIndex: ReadonlyMap<string, CompanyFeature>;
  resources: ReadonlyMap<string, Resource>;
}

/** The same data and filters as the map, as tables: for screen readers, keyboard users and printouts. */
export function ListView({ companies, exchanges, companyIndex, resources }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const { selectCompany, setView, highlightArc } = useUiStore.getState();
  const nameOf = (id: string) => companyIndex.get(id)?.properties.name ?? id;
  const sorted = [...companies].sort((a, b) => a.properties.name.localeCompare(b.properties.name, language));

  return (
    <div className="list-view">
      <h2>{t('list.title')}</h2>
      <section aria-labelledby="list-companies">
        <h3 id="list-companies">{t('list.companies', { count: sorted.length })}</h3>
        {sorted.length === 0 ? (
          <p>{t('list.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('list.name')}</th>
                <th scope="col">{t('list.municipality')}</th>
                <th scope="col">{t('list.role')}</th>
                <th scope="col">{t('list.streams')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((company) => (
                <tr key={company.properties.id}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        selectCompany(company.properties.id);
                        setView('map');
                      }}
                    >
                      {company.properties.name}
                    </button>
                  </th>
                  <td data-municipality={company.properties.municipality ?? ''}>
                    {company.properties.municipality === null
                      ? t('details.noMunicipality')
                      : (municipalityName(company.properties.municipality, language) ??
                        municipalityLabel(company.properties.municipality))}
                  </td>
                  <td>{t(`role.${company.properties.role}`)}</td>
                  <td>
                    {currentStreams(company.properties.streams)
                      .map(
                        (stream) =>
                          `${t(`direction.${stream.direction}`)} ${resources.get(stream.resourceId)?.label[language] ?? stream.resourceId}`,
                      )
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="list-exchanges">
        <h3 id="list-exchanges">{t('list.exchanges', { count: exchanges.length })}</h3>
        {exchanges.length === 0 ? (
          <p>{t('list.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('list.from')}</th>
                <th scope="col">{t('list.to')}</th>
                <th scope="col">{t('list.resource')}</th>
                <th scope="col">{t('list.status')}</th>
                <th scope="col">{t('list.years')}</th>
                <th scope="col">{t('list.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {exchanges.map((exchange) => (
                <tr key={exchange.id}>
                  <td>{nameOf(exchange.from)}</td>
                  <td>{nameOf(exchange.to)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        highlightArc(exchange.id);
                        setView('map');
                      }}
                    >
                      {resources.get(exchange.resourceId)?.label[language] ?? exchange.resourceId}
                    </button>
                  </td>
                  <td>{t(`exchangeStatus.${exchange.status}`)}</td>
                  <td>{exchangePeriod(exchange, t) ?? '—'}</td>
                  <td>{formatQuantity(exchange.quantity, language) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
