import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What every screen shows while it waits, when there is nothing yet, and when a call failed. */
export function Loading({ what }: { what: string }) {
  const { t } = useTranslation();
  return (
    <p className="state" role="status" aria-live="polite">
      {t('state.loading', { what })}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function Failure({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t('state.failed');
  return (
    <div className="state error" role="alert">
      <p>{message}</p>
      <p>{retry ? t('state.checkConnectionRetry') : t('state.checkConnectionReload')}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('state.tryAgain')}
        </button>
      )}
    </div>
  );
}
