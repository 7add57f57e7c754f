import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans/400-italic.css';
import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { AtlasMapProvider } from './state/atlas-map-context.tsx';
import './i18n/index.ts';
import { loadViewFromUrl } from './state/use-url-sync.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    // The API is on the same machine: a failure is worth one quick retry, not a long silent wait.
    queries: { retry: 1, refetchOnWindowFocus: false },
  },
});

loadViewFromUrl();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AtlasMapProvider>
        <App />
      </AtlasMapProvider>
    </QueryClientProvider>
  </StrictMode>,
);
