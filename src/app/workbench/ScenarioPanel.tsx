import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import type { CandidateExchange } from '../../domain/matching/types.ts';
import type { Exchange, Resource } from '../../domain/schema.ts';
import { computeScenario, todayTotals } from '../../domain/workbench/scenario.ts';
import { errorText } from '../api/http.ts';
import { useCandidates, useServerSession, useStats } from '../api/queries.ts';
import {
  useCreateScenario,
  useScenario,
  useScenarioList,
  useUpdateScenario,
} from '../api/scenario-queries.ts';
import { formatKm } from '../format.ts';
import { useUiStore } from '../state/ui-store.ts';
import { ScenarioResults } from './ScenarioResults.tsx';
import { useScenarioDraft } from './scenario-draft.ts';

interface Props {
  companies: ReadonlyMap<string, MapCompany>;
  resources: ReadonlyMap<string, Resource>;
  exchanges: readonly Exchange[];
}

/** How many candidates the picker lists at once; the filter narrows the rest down. */
const PICKER_ROWS = 80;

function CandidatePicker({
  candidates,
  companies,
  resources,
}: Omit<Props, 'exchanges'> & {
  candidates: readonly CandidateExchange[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const chosen = useScenarioDraft((draft) => draft.candidateIds);
  const toggle = useScenarioDraft((draft) => draft.toggle);
  const [filter, setFilter] = useState('');
  const name = (id: string) => companies.get(id)?.name ?? id;
  const words = filter.trim().toLowerCase();
  const shown = candidates
    .filter((candidate) => candidate.existingExchangeStatus !== 'existing')
    .filter((candidate) =>
      words === ''
        ? true
        : `${name(candidate.fromCompanyId)} ${name(candidate.toCompanyId)} ${
            resources.get(candidate.resourceId)?.label[language] ?? ''
          }`
            .toLowerCase()
            .includes(words),
    )
    .slice(0, PICKER_ROWS);
  return (
    <section className="wb-picker wb-no-print" aria-labelledby="wb-picker-title">
      <h3 id="wb-picker-title" className="wb-subtitle">
        {t('scenario.candidates')}
      </h3>
      <p className="hint">{t('scenario.candidatesHint')}</p>
      <label className="wb-filter">
        {t('scenario.filter')}
        <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
      </label>
      {shown.length === 0 ? <p>{t('scenario.noCandidates')}</p> : null}
      <ul className="wb-candidate-list">
        {shown.map((candidate) => {
          const from = name(candidate.fromCompanyId);
          const to = name(candidate.toCompanyId);
          return (
            <li key={candidate.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(candidate.id)}
                  onChange={() => toggle(candidate.id)}
                  aria-label={t('scenario.pick', { from, to })}
                  data-candidate={candidate.id}
                />
                <span>
                  {from} → {to}
                  <span className="muted">
                    {' '}
                    · {resources.get(candidate.resourceId)?.label[language] ?? candidate.resourceId} ·{' '}
                    {formatKm(candidate.distanceKm, i18n.language)}
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Staff only: pick candidates, see the estimated saving net of transport beside today's figures, save, share, print. */
export function ScenarioPanel({ companies, resources, exchanges }: Props) {
  const { t, i18n } = useTranslation();
  const isStaff = useServerSession().data?.level === 'secretariat';
  const scenarioId = useUiStore((state) => state.scenarioId);
  const { setScenarioId, setView } = useUiStore.getState();
  const draft = useScenarioDraft();
  const saved = useScenario(isStaff ? scenarioId : null);
  const list = useScenarioList(isStaff);
  const candidates = useCandidates(isStaff);
  const stats = useStats();
  const create = useCreateScenario();
  const update = useUpdateScenario();

  // Opening a link (or another saved scenario) puts it in the draft, once per scenario.
  const savedRecord = saved.data?.record;
  useEffect(() => {
    if (savedRecord && useScenarioDraft.getState().savedAs !== savedRecord.id) {
      useScenarioDraft
        .getState()
        .load(savedRecord.id, savedRecord.scenario.name, savedRecord.scenario.candidateIds);
    }
  }, [savedRecord]);

  const result = useMemo(() => {
    // The engine's current candidates, and those the server found for the saved scenario beyond the list.
    const current = new Map((candidates.data ?? []).map((candidate) => [candidate.id, candidate]));
    for (const line of savedRecord?.result.lines ?? []) {
      if (line.candidate && !current.has(line.candidateId)) current.set(line.candidateId, line.candidate);
    }
    const today = todayTotals(exchanges, stats.data?.latestHeadlineFigures ?? []);
    return computeScenario(draft.candidateIds, current, today);
  }, [candidates.data, savedRecord, exchanges, stats.data, draft.candidateIds]);

  if (!isStaff) {
    return (
      <div className="wb-view">
        <p role="alert">{t('scenario.staffOnly')}</p>
      </div>
    );
  }

  const editing = scenarioId !== null && draft.savedAs === scenarioId && saved.data !== undefined;
  const pending = create.isPending || update.isPending;
  const failure = create.error ?? update.error;
  const canSave = draft.name.trim() !== '' && draft.candidateIds.length > 0 && !pending;
  const save = () => {
    const body = { name: draft.name.trim(), candidateIds: draft.candidateIds };
    if (editing && saved.data) {
      update.mutate({ id: saved.data.record.id, patch: body, etag: saved.data.etag ?? '*' });
      return;
    }
    create.mutate(body, {
      onSuccess: (created) => {
        useScenarioDraft.getState().load(created.id, created.scenario.name, created.scenario.candidateIds);
        setScenarioId(created.id);
      },
    });
  };
  const link =
    scenarioId && draft.savedAs === scenarioId
      ? `${window.location.origin}/?view=scenario&scenario=${scenarioId}&lang=${i18n.language}`
      : null;

  return (
    <div className="wb-view wb-scenario" data-scenario={scenarioId ?? ''}>
      <header className="wb-head">
        <h2>
          {t('scenario.title')}
          {draft.name.trim() ? `: ${draft.name.trim()}` : ''}
        </h2>
        <div className="wb-actions wb-no-print">
          <button type="button" onClick={() => window.print()} disabled={draft.candidateIds.length === 0}>
            {t('scenario.print')}
          </button>
          <button
            type="button"
            onClick={() => {
              setScenarioId(null);
              useScenarioDraft.getState().reset();
            }}
          >
            {t('scenario.newScenario')}
          </button>
          <button type="button" onClick={() => setView('map')}>
            {t('scenario.back')}
          </button>
        </div>
      </header>
      <p className="hint">{t('scenario.intro')}</p>
      <div className="wb-save wb-no-print">
        <label>
          {t('scenario.name')}
          <input
            value={draft.name}
            maxLength={200}
            placeholder={t('scenario.namePlaceholder')}
            onChange={(event) => draft.setName(event.target.value)}
          />
        </label>
        <button type="button" className="primary" disabled={!canSave} onClick={save}>
          {pending ? t('scenario.saving') : editing ? t('scenario.saveChanges') : t('scenario.save')}
        </button>
        {(list.data ?? []).length > 0 ? (
          <label>
            {t('scenario.savedList')}
            <select value={scenarioId ?? ''} onChange={(event) => setScenarioId(event.target.value || null)}>
              <option value="">—</option>
              {(list.data ?? []).map((record) => (
                <option key={record.id} value={record.id}>
                  {record.scenario.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {failure ? (
        <p role="alert" className="error-text">
          {t('scenario.saveError', { message: errorText(failure) })}
        </p>
      ) : null}
      {saved.isError ? (
        <p role="alert" className="error-text">
          {t('scenario.loadError', { message: errorText(saved.error) })}
        </p>
      ) : null}
      {link ? (
        <p className="wb-share wb-no-print">
          {t('scenario.share')} <output className="wb-url">{link}</output>
        </p>
      ) : null}
      <div className="wb-scenario-body">
        {candidates.isPending ? (
          <p className="wb-no-print">{t('scenario.candidatesLoading')}</p>
        ) : (
          <CandidatePicker candidates={candidates.data ?? []} companies={companies} resources={resources} />
        )}
        <div className="wb-scenario-main">
          {draft.candidateIds.length === 0 ? (
            <p>{t('scenario.empty')}</p>
          ) : (
            <ScenarioResults
              result={result}
              companies={companies}
              resources={resources}
              onRemove={draft.toggle}
            />
          )}
        </div>
      </div>
    </div>
  );
}
