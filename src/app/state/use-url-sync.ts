import { useEffect } from 'react';
import { i18next, initialLanguage } from '../i18n/index.ts';
import { selectViewState, useUiStore } from './ui-store.ts';
import { paramsToViewState, viewStateToParams } from './url-state.ts';

/** Reads the view from the URL once at start, then keeps the URL in step (replaceState: no history spam). */
export function loadViewFromUrl(): void {
  const view = paramsToViewState(new URLSearchParams(window.location.search), initialLanguage());
  useUiStore.getState().replaceViewState(view);
  void i18next.changeLanguage(view.language);
}

export function useUrlSync(): void {
  useEffect(() => {
    let last = '';
    const write = () => {
      const query = viewStateToParams(selectViewState(useUiStore.getState())).toString();
      if (query === last) return;
      last = query;
      window.history.replaceState(window.history.state, '', `${window.location.pathname}?${query}`);
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
