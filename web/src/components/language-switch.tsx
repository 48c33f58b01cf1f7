import { useTranslation } from 'react-i18next';
import type { User } from '../api/types';
import { useUpdateProfile } from '../hooks/use-profile';
import { i18n, LANGUAGES, type Language } from '../i18n';

/** Settings › Language: PATCHes the user's `locale` (every device follows it) and switches at once. */
export function LanguageSwitch({ user }: { user: User }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const choose = (locale: Language) => {
    void i18n.changeLanguage(locale);
    update.mutate({ locale });
  };
  return (
    <section aria-labelledby="language-title">
      <h2 id="language-title">{t('settings.language')}</h2>
      <div className="segmented" role="group" aria-labelledby="language-title">
        {LANGUAGES.map((locale) => (
          <button key={locale} type="button" className="secondary" lang={locale} aria-pressed={user.locale === locale} disabled={update.isPending} onClick={() => choose(locale)}>
            {t(`language.${locale}`)}
          </button>
        ))}
      </div>
      {update.error && (
        <p className="error" role="alert">
          {update.error.message}
        </p>
      )}
    </section>
  );
}
