import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import { allowedTransitions } from '../../domain/exchange-lifecycle.ts';
import type { Exchange, Resource } from '../../domain/schema.ts';
import type { FlowArc } from '../../map/layers/flow-arcs.ts';
import { ApiError, errorText } from '../api/http.ts';
import {
  useExchangeRecord,
  useInvalidateAll,
  useLatestExchangeUpdate,
  useServerSession,
  useUpdateExchange,
} from '../api/queries.ts';
import { exchangePeriod } from '../exchange-period.ts';
import { formatKm, formatQuantity } from '../format.ts';
import { useUiStore } from '../state/ui-store.ts';

// Staff tools, loaded when a secretariat user opens a flow: the public's first screen does not carry them.
const AddToScenario = lazy(() =>
  import('../workbench/AddToScenario.tsx').then((m) => ({ default: m.AddToScenario })),
);
const PipelinePanel = lazy(() =>
  import('../workbench/PipelinePanel.tsx').then((m) => ({ default: m.PipelinePanel })),
);

interface Props {
  arc: FlowArc;
  exchange: Exchange | undefined;
  companies: ReadonlyMap<string, MapCompany>;
  resources: ReadonlyMap<string, Resource>;
}

/** A chosen flow: its facts, and for staff the next steps its status allows. */
export function ArcDetails({ arc, exchange, companies, resources }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const isStaff = useServerSession().data?.level === 'secretariat';
  const update = useUpdateExchange();
  // Staff edit the exchange as stored, with its version: a change someone else made meanwhile is a 412.
  const stored = useExchangeRecord(exchange?.id ?? null, isStaff);
  const reloadAll = useInvalidateAll();
  const { latest, dismiss } = useLatestExchangeUpdate(exchange?.id ?? null);
  const failure = latest?.status === 'error' ? latest.error : null;
  const conflict = failure instanceof ApiError && failure.status === 412 ? failure : null;
  const { highlightArc, selectCompany } = useUiStore.getState();
  const nameOf = (id: string) => companies.get(id)?.name ?? id;

  return (
    <article className="details" aria-labelledby="arc-title">
      <header className="details-head">
        <h2 id="arc-title">{t('tooltip.flow', { from: nameOf(arc.fromId), to: nameOf(arc.toId) })}</h2>
        <button type="button" className="icon-button" onClick={() => highlightArc(null)}>
          <span aria-hidden="true">×</span>
          <span className="visually-hidden">{t('details.close')}</span>
        </button>
      </header>
      <p>
        <span
          className="swatch"
          style={{ background: resources.get(arc.resourceId)?.colour }}
          aria-hidden="true"
        />{' '}
        {resources.get(arc.resourceId)?.label[language]} · {t(`exchangeStatus.${arc.status}`)} ·{' '}
        {formatKm(arc.distanceKm, language)}
      </p>
      <p>{formatQuantity(arc.quantity, language) ?? t('details.quantityUnknown')}</p>
      {exchange && exchangePeriod(exchange, t) ? (
        <p data-period={exchange.id}>{exchangePeriod(exchange, t)}</p>
      ) : null}
      <p>
        <button type="button" className="link-button" onClick={() => selectCompany(arc.fromId)}>
          {nameOf(arc.fromId)}
        </button>{' '}
        →{' '}
        <button type="button" className="link-button" onClick={() => selectCompany(arc.toId)}>
          {nameOf(arc.toId)}
        </button>
      </p>
      {exchange?.notes ? <p className="muted">{exchange.notes}</p> : null}
      {arc.status === 'candidate' && !exchange ? (
        <Suspense fallback={null}>
          <AddToScenario candidateIds={arc.memberIds} />
        </Suspense>
      ) : null}
      {isStaff && exchange ? (
        <div className="staff-box">
          {allowedTransitions[(stored.data?.record ?? exchange).status].map((status) => (
            <button
              key={status}
              type="button"
              disabled={update.isPending || !stored.data?.etag}
              onClick={() =>
                update.mutate({ id: exchange.id, patch: { status }, etag: stored.data?.etag ?? '' })
              }
            >
              {t('staff.moveTo', { status: t(`exchangeStatus.${status}`) })}
            </button>
          ))}
          {conflict ? (
            <div role="alert" className="error-text" data-conflict={exchange.id}>
              <p>{t('staff.conflict')}</p>
              <button
                type="button"
                onClick={() => {
                  dismiss();
                  void reloadAll();
                }}
              >
                {t('staff.reload')}
              </button>{' '}
              <button
                type="button"
                disabled={update.isPending || !latest?.variables}
                onClick={() =>
                  latest?.variables && update.mutate({ ...latest.variables, etag: conflict.etag ?? '*' })
                }
              >
                {t('staff.overwrite')}
              </button>
            </div>
          ) : failure ? (
            <p role="alert" className="error-text">
              {t('staff.errorPrefix', { message: errorText(failure) })}
            </p>
          ) : null}
        </div>
      ) : null}
      {isStaff && exchange ? (
        <Suspense fallback={<p className="panel-status">{t('details.loading')}</p>}>
          <PipelinePanel exchangeId={exchange.id} />
        </Suspense>
      ) : null}
      {exchange ? (
        <details className="sources">
          <summary>{t('details.sources')}</summary>
          <ul>
            {exchange.source.map((source) => (
              <li key={source}>{source}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
