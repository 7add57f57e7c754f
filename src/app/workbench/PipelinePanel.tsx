import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PIPELINE_STAGES, type PipelineEntry, type PipelinePatch } from '../../domain/workbench/pipeline.ts';
import { calendarDay, isOverdue } from '../../domain/workbench/pipeline-board.ts';
import { allowedStages } from '../../domain/workbench/pipeline-rules.ts';
import { ApiError, errorText } from '../api/http.ts';
import { useAddPipelineNote, usePipelineEntry, useUpdatePipeline } from '../api/pipeline-queries.ts';
import { useUiStore } from '../state/ui-store.ts';
import { formatDay, formatMoment } from './pipeline-format.ts';
import { StageGlyph } from './StageGlyph.tsx';

/** A failed write in words; a 412 offers to reload what someone else saved meanwhile. */
function Failure({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 412) {
    return (
      <div role="alert" className="error-text">
        <p>{t('pipeline.conflict')}</p>
        <button type="button" onClick={onReload}>
          {t('pipeline.reload')}
        </button>
      </div>
    );
  }
  return (
    <p role="alert" className="error-text">
      {t('pipeline.refused', { message: errorText(error) })}
    </p>
  );
}

/** Only what the editor changed, so that a save never overwrites a field it did not touch. */
function patchOf(
  entry: PipelineEntry,
  form: { stage: PipelineEntry['stage']; owner: string; text: string; due: string },
): PipelinePatch {
  const patch: PipelinePatch = {};
  if (form.stage !== entry.stage) patch.stage = form.stage;
  const owner = form.owner.trim();
  if (owner !== (entry.item?.owner ?? '')) patch.owner = owner === '' ? null : owner;
  const before = entry.item?.nextStep ?? null;
  const text = form.text.trim();
  if (text === '' && form.due === '') {
    if (before !== null) patch.nextStep = null;
  } else if (text !== before?.text || form.due !== before?.due) {
    // Half a next step goes to the server as it is, which says what is missing.
    patch.nextStep = { text, due: form.due };
  }
  return patch;
}

function PipelineForm({
  entry,
  saving,
  onSave,
}: {
  entry: PipelineEntry;
  saving: boolean;
  onSave: (patch: PipelinePatch) => void;
}) {
  const { t } = useTranslation();
  const [stage, setStage] = useState(entry.stage);
  const [owner, setOwner] = useState(entry.item?.owner ?? '');
  const [text, setText] = useState(entry.item?.nextStep?.text ?? '');
  const [due, setDue] = useState(entry.item?.nextStep?.due ?? '');
  const patch = patchOf(entry, { stage, owner, text, due });
  const allowed = new Set(allowedStages(entry.stage, entry.status));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(patch).length > 0) onSave(patch);
  };

  return (
    <form className="stack" onSubmit={submit}>
      <label className="field">
        {t('pipeline.stageLabel')}
        <select
          value={stage}
          onChange={(event) => setStage(event.target.value as PipelineEntry['stage'])}
          aria-describedby="pipeline-move-hint"
        >
          {PIPELINE_STAGES.map((option) => (
            <option key={option} value={option} disabled={option !== entry.stage && !allowed.has(option)}>
              {t(`pipeline.stage.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="hint" id="pipeline-move-hint">
        {t('pipeline.moveHint')}
      </p>
      <label className="field">
        {t('pipeline.owner')}
        <input value={owner} maxLength={200} onChange={(event) => setOwner(event.target.value)} />
      </label>
      <label className="field">
        {t('pipeline.nextStep')}
        <input
          value={text}
          maxLength={200}
          placeholder={t('pipeline.nextStepHint')}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <label className="field">
        {t('pipeline.dueDate')}
        <input type="date" value={due} onChange={(event) => setDue(event.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={saving || Object.keys(patch).length === 0}>
        {saving ? t('pipeline.saving') : t('pipeline.save')}
      </button>
    </form>
  );
}

function PipelineNotes({ entry }: { entry: PipelineEntry }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const [text, setText] = useState('');
  const add = useAddPipelineNote();
  const notes = entry.item?.notes ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ exchangeId: entry.exchangeId, text }, { onSuccess: () => setText('') });
  };

  return (
    <div className="pipeline-notes">
      <h4>{t('pipeline.notes')}</h4>
      {notes.length === 0 ? (
        <p className="hint">{t('pipeline.noNotes')}</p>
      ) : (
        <ol className="row-list">
          {notes.map((note) => (
            <li key={`${note.at}-${note.text}`}>
              <p>{note.text}</p>
              <p className="hint">
                {t('pipeline.noteBy', { date: formatMoment(note.at, language), author: note.author })}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form className="stack" onSubmit={submit}>
        <label className="field">
          {t('pipeline.newNote')}
          <textarea
            value={text}
            rows={3}
            maxLength={2000}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="submit" disabled={add.isPending || text.trim() === ''}>
          {t('pipeline.addNote')}
        </button>
      </form>
      {add.isError ? <Failure error={add.error} onReload={() => add.reset()} /> : null}
      {add.isSuccess ? <p role="status">{t('pipeline.noteAdded')}</p> : null}
    </div>
  );
}

/**
 * The pipeline of the exchange the details panel shows (staff only): its stage, owner, next step and
 * notes. The form is made afresh from every version the server sends (keyed by its ETag), so what it
 * shows is always what was saved.
 */
export function PipelinePanel({ exchangeId }: { exchangeId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'da' ? 'da' : 'en';
  const stored = usePipelineEntry(exchangeId);
  const update = useUpdatePipeline();
  const entry = stored.data?.record;
  const etag = stored.data?.etag ?? '"v0"';
  const nextStep = entry?.item?.nextStep ?? null;

  return (
    <section className="staff-box pipeline-panel" aria-labelledby="pipeline-title" data-pipeline={exchangeId}>
      <div className="pipeline-panel-head">
        <h3 id="pipeline-title" className="pipeline-title">
          {t('pipeline.section')}
          {entry ? (
            <span className="pipeline-stage" data-stage={entry.stage}>
              <StageGlyph stage={entry.stage} /> {t(`pipeline.stage.${entry.stage}`)}
            </span>
          ) : null}
        </h3>
        <button type="button" className="link-button" onClick={() => useUiStore.getState().setView('board')}>
          {t('pipeline.openBoard')}
        </button>
      </div>
      {stored.isError ? (
        <p role="alert" className="error-text">
          {t('pipeline.loadError', { message: errorText(stored.error) })}
        </p>
      ) : !entry ? (
        <p className="hint">{t('pipeline.loading')}</p>
      ) : (
        <>
          {nextStep && isOverdue(nextStep, calendarDay(new Date())) ? (
            <p className="overdue-badge">
              <span aria-hidden="true">⚠ </span>
              {t('pipeline.overdue')} · {t('pipeline.due', { date: formatDay(nextStep.due, language) })}
            </p>
          ) : null}
          <PipelineForm
            key={etag}
            entry={entry}
            saving={update.isPending}
            onSave={(patch) => update.mutate({ exchangeId, patch, etag })}
          />
          {update.isError ? (
            <Failure
              error={update.error}
              onReload={() => {
                update.reset();
                void stored.refetch();
              }}
            />
          ) : null}
          {update.isSuccess ? <p role="status">{t('pipeline.saved')}</p> : null}
          <PipelineNotes entry={entry} />
        </>
      )}
    </section>
  );
}
