import { useTranslation } from 'react-i18next';
import { languages } from '../i18n/index.ts';
import { useUiStore } from '../state/ui-store.ts';

/** EN | DA as a radio group: switchable at any time, and kept in the URL through the UI store. */
export function LanguageToggle({ name }: { name: string }) {
  const { t } = useTranslation();
  const language = useUiStore((state) => state.language);
  const setLanguage = useUiStore((state) => state.setLanguage);
  return (
    <fieldset className="segmented" aria-label={t('topBar.language')}>
      {languages.map((option) => (
        <label key={option} className={language === option ? 'active' : undefined} lang={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={language === option}
            onChange={() => setLanguage(option)}
          />
          {option.toUpperCase()}
        </label>
      ))}
    </fieldset>
  );
}
