import { useEffect } from 'react';
import { i18next, initialLanguage } from '../i18n/index.ts';
import { selectViewState, useUiStore } from './ui-store.ts';
import { paramsToViewState, viewStatePath, viewStateToParams } from './url-state.ts';

/** Reads the view from the URL once at start, then keeps the URL in step (replaceState: no history spam). */
export function loadViewFromUrl(): void {
  const view = paramsToViewState(
    new URLSearchParams(window.location.search),
    initialLanguage(),
    window.location.pathname,
  );
  useUiStore.getState().replaceViewState(view);
  void i18next.changeLanguage(view.language);
}

export function useUrlSync(): void {
  useEffect(() => {
    let last = '';
    const write = () => {
      const view = selectViewState(useUiStore.getState());
      const url = `${viewStatePath(view)}?${viewStateToParams(view).toString()}`;
      if (url === last) return;
      const modeChanged = last !== '' && !last.startsWith(viewStatePath(view));
      last = url;
      // Entering or leaving the story is a step the browser's back button should undo; the rest is not.
      if (modeChanged) window.history.pushState(null, '', url);
      else window.history.replaceState(window.history.state, '', url);
    };
    write();
    return useUiStore.subscribe(write);
  }, []);

  const language = useUiStore((state) => state.language);
  useEffect(() => {
    void i18next.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
}
