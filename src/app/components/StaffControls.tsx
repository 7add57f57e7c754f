import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerSession } from '../api/queries.ts';
import { useSession } from '../api/session.ts';
import { useUiStore } from '../state/ui-store.ts';

/** Staff sign-in (token entered once per session), preview as public, and "add company" by map click. */
export function StaffControls() {
  const { t } = useTranslation();
  const { staffToken, previewAsPublic, signIn, signOut, setPreviewAsPublic } = useSession();
  const placing = useUiStore((state) => state.placingCompany);
  const isSecretariat = useServerSession().data?.level === 'secretariat';
  const setPlacing = useUiStore((state) => state.setPlacingCompany);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [token, setToken] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() === '') return;
    signIn(token.trim());
    setToken('');
    dialogRef.current?.close();
  };

  if (!staffToken) {
    return (
      <>
        <button type="button" onClick={() => dialogRef.current?.showModal()}>
          {t('staff.signIn')}
        </button>
        <dialog ref={dialogRef} className="dialog" aria-labelledby="staff-sign-in-title">
          <form onSubmit={submit}>
            <h2 id="staff-sign-in-title">{t('staff.signIn')}</h2>
            <label>
              {t('staff.tokenLabel')}
              <input
                type="password"
                autoComplete="current-password"
                value={token}
                onChange={(event) => setToken(event.target.value)}
                required
              />
            </label>
            <p className="hint">{t('staff.tokenHelp')}</p>
            <div className="dialog-actions">
              <button type="button" onClick={() => dialogRef.current?.close()}>
                {t('staff.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('staff.submit')}
              </button>
            </div>
          </form>
        </dialog>
      </>
    );
  }

  return (
    <div className="staff-controls">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={previewAsPublic}
          onChange={(event) => setPreviewAsPublic(event.target.checked)}
        />
        {t('staff.previewPublic')}
      </label>
      {previewAsPublic || !isSecretariat ? null : (
        <button type="button" aria-pressed={placing} onClick={() => setPlacing(!placing)}>
          {t('staff.addCompany')}
        </button>
      )}
      <button type="button" onClick={signOut}>
        {t('staff.signOut')}
      </button>
    </div>
  );
}
