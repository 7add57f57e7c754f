import { useTranslation } from 'react-i18next';
import { useServerSession } from '../api/queries.ts';
import { useUiStore } from '../state/ui-store.ts';
import { useScenarioDraft } from './scenario-draft.ts';

/** On a computed candidate's details, for staff: put it in the scenario being drafted, or open that scenario. */
export function AddToScenario({ candidateIds }: { candidateIds: readonly string[] }) {
  const { t } = useTranslation();
  const isStaff = useServerSession().data?.level === 'secretariat';
  const chosen = useScenarioDraft((draft) => draft.candidateIds);
  const computed = candidateIds.filter((id) => id.startsWith('cand-'));
  if (!isStaff || computed.length === 0) return null;
  const allIn = computed.every((id) => chosen.includes(id));
  return (
    <div className="staff-box wb-add">
      <button
        type="button"
        disabled={allIn}
        onClick={() => {
          for (const id of computed) useScenarioDraft.getState().add(id);
        }}
      >
        {allIn ? `${t('scenario.inScenario')} ✓` : t('scenario.addToScenario')}
      </button>{' '}
      <button type="button" className="link-button" onClick={() => useUiStore.getState().setView('scenario')}>
        {t('scenario.openScenario')} ({chosen.length})
      </button>
    </div>
  );
}
