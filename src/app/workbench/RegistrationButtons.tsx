import { useTranslation } from 'react-i18next';
import { useServerSession } from '../api/queries.ts';
import { useRegistrations } from '../api/registration-queries.ts';
import { useUiStore } from '../state/ui-store.ts';

/**
 * The top bar's entries: the public form for everyone, and for the secretariat its queue, with how many
 * registrations wait.
 */
export function RegistrationButtons() {
  const { t } = useTranslation();
  const view = useUiStore((state) => state.view);
  const setView = useUiStore((state) => state.setView);
  const isSecretariat = useServerSession().data?.level === 'secretariat';
  const waiting = useRegistrations('pending', isSecretariat).data?.length ?? 0;

  return (
    <>
      <button
        type="button"
        className="reg-open"
        aria-pressed={view === 'register'}
        onClick={() => setView(view === 'register' ? 'map' : 'register')}
      >
        {t('registration.open')}
      </button>
      {isSecretariat ? (
        <button
          type="button"
          aria-pressed={view === 'registrations'}
          onClick={() => setView(view === 'registrations' ? 'map' : 'registrations')}
        >
          {waiting > 0
            ? t('registration.queue.openWithCount', { count: waiting })
            : t('registration.queue.open')}
        </button>
      ) : null}
    </>
  );
}
