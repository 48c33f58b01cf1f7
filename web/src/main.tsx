import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './app';
import { registerServiceWorker } from './api/service-worker';
import { followNetwork } from './offline/network';
import { loadOutbox } from './offline/outbox';
import { persistQueries, restoreQueries } from './offline/persist';
import './styles.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1 } } });
followNetwork();

// The stored answers and the outbox are read before the first render (one IndexedDB read each).
void Promise.all([restoreQueries(queryClient), loadOutbox()]).then(([restored]) => {
  persistQueries(queryClient);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App queryClient={queryClient} restored={restored} />
    </StrictMode>,
  );
});

registerServiceWorker();
