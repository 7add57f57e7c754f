import { type ViewLink, viewFields, viewStateKeys } from './view-fields.ts';
import type { ViewState } from './view-state.ts';

/** The view as a link and back, field by field from the table in view-fields.ts. */

/** The page path of a view: presenting has its own route, so a link can open straight into the story. */
export function viewStatePath(state: ViewState): string {
  return state.mode === 'present' ? '/present' : '/';
}

export function viewStateToParams(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of viewStateKeys) {
    const field = viewFields[key] as { write(value: unknown, view: ViewState): [string, string][] };
    for (const [name, text] of field.write(state[key], state)) params.set(name, text);
  }
  return params;
}

export function paramsToViewState(
  params: URLSearchParams,
  fallbackLanguage: ViewState['language'] = 'en',
  pathname = '/',
): ViewState {
  const link: ViewLink = { params, pathname, fallbackLanguage };
  // As for the defaults: Object.fromEntries cannot keep each key with its value's type.
  return Object.fromEntries(
    viewStateKeys.map((key) => [key, viewFields[key].read(link)]),
  ) as unknown as ViewState;
}
