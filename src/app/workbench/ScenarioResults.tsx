import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import type { ImpactFactor } from '../../domain/impact.ts';
import type { Resource } from '../../domain/resource.ts';
import type {
  ScenarioComputation,
  ScenarioLine,
  ScenarioMetricTotal,
} from '../../domain/workbench/scenario.ts';
import type { TransportFactor } from '../../domain/workbench/transport-factors.ts';
import { formatKm, formatNumber, formatQuantity, prettyUnit } from '../format.ts';

interface Props {
  result: ScenarioComputation;
  companies: ReadonlyMap<string, MapCompany>;
  resources: ReadonlyMap<string, Resource>;
  onRemove?: (candidateId: string) => void;
}

/** A figure marked as what it is: an estimate, with its unit; or, without one, that it is not estimated. */
function Estimate({ value, unit }: { value: number | null; unit: string }) {
  const { t, i18n } = useTranslation();
  if (value === null) return <span className="muted">{t('scenario.notEstimated')}</span>;
  return (
    <span className="wb-figure">
      {formatNumber(value, i18n.language, 1)} {prettyUnit(unit)}{' '}
      <span className="wb-estimate-tag">{t('scenario.estimate')}</span>
    </span>
  );
}

function FactorNote({ factor }: { factor: ImpactFactor | TransportFactor }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  return (
    <li className="wb-factor" data-factor={factor.id}>
      <strong>{factor.label[language]}</strong>:{' '}
      {t('scenario.perUnit', {
        value: formatNumber(factor.value, i18n.language, 6),
        unit: prettyUnit(factor.unit),
      })}
      . {t('scenario.source')}: {factor.source}
      {factor.sourceUrl ? (
        <>
          {' '}
          (<span className="wb-url">{factor.sourceUrl}</span>)
        </>
      ) : null}
      {factor.assumption ? (
        <>
          {' '}
          {t('scenario.assumption')}: {factor.assumption}
        </>
      ) : null}
    </li>
  );
}

function MetricRow({ total }: { total: ScenarioMetricTotal }) {
  const { t } = useTranslation();
  const leftOut = total.gross.notCounted.length + (total.transport?.notCounted.length ?? 0);
  return (
    <tr data-metric={total.metric} data-net={total.net.value ?? ''}>
      <th scope="row">{t(`scenario.metric.${total.metric}`)}</th>
      <td>
        <Estimate value={total.gross.value} unit={total.unit} />
      </td>
      <td>
        {total.transport ? (
          <Estimate value={total.transport.value} unit={total.unit} />
        ) : (
          <span className="muted">{t('scenario.transportUnderCo2')}</span>
        )}
      </td>
      <td className="wb-net">
        <Estimate value={total.net.value} unit={total.unit} />
        {total.net.complete ? null : (
          <div className="wb-warning">{t('scenario.incomplete', { count: leftOut })}</div>
        )}
      </td>
    </tr>
  );
}

function LineRow({
  line,
  resources,
  onRemove,
  titleOf,
}: { line: ScenarioLine; titleOf: (candidateId: string) => string } & Omit<Props, 'result' | 'companies'>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const candidate = line.candidate;
  const title = titleOf(line.candidateId);
  const gap = (reason: string | null) => (reason ? t(`scenario.gap.${reason}`) : null);
  return (
    <tr data-line={line.candidateId} data-state={line.state}>
      <td>
        <strong>{title}</strong>
        {candidate ? (
          <div>{resources.get(candidate.resourceId)?.label[language] ?? candidate.resourceId}</div>
        ) : null}
        {line.state === 'computed' ? null : (
          <div className="wb-warning">
            {t(`scenario.state.${line.state}`, { other: titleOf(line.sharesWith ?? '') })}
          </div>
        )}
      </td>
      <td>
        {candidate ? formatKm(candidate.distanceKm, i18n.language) : '—'}
        {line.transport ? <div className="muted">{t(`scenario.mode.${line.transport.mode}`)}</div> : null}
      </td>
      <td>
        {candidate
          ? (formatQuantity(candidate.matchedQuantity, i18n.language) ?? gap('quantity-unknown'))
          : '—'}
      </td>
      <td>
        {line.gross ? <Estimate value={line.gross.value} unit={line.gross.unit} /> : null}
        {line.grossGap ? <div className="muted">{gap(line.grossGap)}</div> : null}
      </td>
      <td>
        {line.transport ? <Estimate value={line.transport.value} unit={line.transport.unit} /> : '—'}
        {line.transport?.gap ? <div className="muted">{gap(line.transport.gap)}</div> : null}
      </td>
      {onRemove ? (
        <td className="wb-no-print">
          <button
            type="button"
            className="icon-button"
            onClick={() => onRemove(line.candidateId)}
            aria-label={t('scenario.remove', { name: title })}
          >
            ×
          </button>
        </td>
      ) : null}
    </tr>
  );
}

/** The what-if per metric (saving, transport, net), the candidates behind it, and today's sourced figures beside. */
export function ScenarioResults({ result, companies, resources, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const factors = result.metrics.flatMap((metric) => metric.factors);
  const transportFactors = result.metrics.flatMap((metric) => metric.transportFactors);
  const withoutFactor = [
    ...new Set(
      result.lines
        .filter((line) => result.withoutFactor.includes(line.candidateId) && line.candidate)
        .map((line) => resources.get(line.candidate?.resourceId ?? '')?.label[language] ?? ''),
    ),
  ];
  const { exchangeImpacts, headlineFigures } = result.today;
  const titleOf = (candidateId: string) => {
    const candidate = result.lines.find((line) => line.candidateId === candidateId)?.candidate;
    const name = (id: string) => companies.get(id)?.name ?? id;
    return candidate ? `${name(candidate.fromCompanyId)} → ${name(candidate.toCompanyId)}` : candidateId;
  };
  return (
    <div className="wb-results">
      <div className="wb-columns">
        <section aria-labelledby="wb-results-title" className="wb-estimates">
          <h3 id="wb-results-title" className="wb-subtitle">
            {t('scenario.results')} <span className="wb-estimate-tag">{t('scenario.estimate')}</span>
          </h3>
          <table className="wb-table wb-metrics">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t('scenario.gross')}</th>
                <th scope="col">{t('scenario.transport')}</th>
                <th scope="col">{t('scenario.net')}</th>
              </tr>
            </thead>
            <tbody>
              {result.metrics.map((total) => (
                <MetricRow key={total.metric} total={total} />
              ))}
            </tbody>
          </table>
          {withoutFactor.length > 0 ? (
            <p className="wb-warning">
              {t('scenario.withoutFactor', { resources: withoutFactor.join(', ') })}
            </p>
          ) : null}
          {factors.length + transportFactors.length > 0 ? (
            <ul className="wb-factors" aria-label={t('scenario.factor')}>
              {[...factors, ...transportFactors].map((factor) => (
                <FactorNote key={factor.id} factor={factor} />
              ))}
            </ul>
          ) : null}
        </section>
        <section aria-labelledby="wb-today-title" className="wb-today">
          <h3 id="wb-today-title" className="wb-subtitle">
            {t('scenario.today')}
          </h3>
          <p className="hint">{t('scenario.todayHint')}</p>
          {headlineFigures.length + exchangeImpacts.length === 0 ? <p>{t('scenario.todayNone')}</p> : null}
          <ul className="wb-list">
            {headlineFigures.map((figure) => (
              <li key={figure.id} className="wb-today-item" data-today={figure.id}>
                {figure.label[language]}: {formatNumber(figure.value, i18n.language)}{' '}
                {prettyUnit(figure.unit)} ({figure.year}) ·{' '}
                <span className="muted">{t('scenario.headline')}</span>
                <div className="wb-url">{figure.source[0]}</div>
              </li>
            ))}
            {exchangeImpacts.map(({ exchangeId, from, to, impact }) => (
              <li key={`${exchangeId}-${impact.label.en}`} className="wb-today-item" data-today={exchangeId}>
                {companies.get(from)?.name ?? from} → {companies.get(to)?.name ?? to}:{' '}
                {impact.label[language]}, {formatNumber(impact.value, i18n.language)}{' '}
                {prettyUnit(impact.unit)}
                {impact.referenceYear ? ` (${impact.referenceYear})` : ''} ·{' '}
                <span className="muted">{t('scenario.onExchange')}</span>
                <div className="wb-url">{impact.source[0]}</div>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <table className="wb-table wb-lines">
        <thead>
          <tr>
            <th scope="col">{t('scenario.candidate')}</th>
            <th scope="col">{t('scenario.distance')}</th>
            <th scope="col">{t('scenario.quantity')}</th>
            <th scope="col">{t('scenario.gross')}</th>
            <th scope="col">{t('scenario.transport')}</th>
            {onRemove ? <th scope="col" className="wb-no-print" /> : null}
          </tr>
        </thead>
        <tbody>
          {result.lines.map((line) => (
            <LineRow
              key={line.candidateId}
              line={line}
              resources={resources}
              onRemove={onRemove}
              titleOf={titleOf}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
