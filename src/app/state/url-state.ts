import { ID_PATTERN, MunicipalityCodeSchema } from '../../domain/common.ts';
import { EXCHANGE_STATUSES, type ExchangeStatus } from '../../domain/exchange.ts';
import { RESOURCE_CATEGORIES, type ResourceCategory } from '../../domain/resource.ts';
import { defaultStatuses, defaultViewState, type PartnerFinderState, type ViewState } from './view-state.ts';

/**
 * The view as URL query parameters, short and readable (`?at=11.09,55.68,10&hide=steam&sel=fors`), and
 * back. Parsing never throws: a hand-edited or outdated link falls back to defaults field by field.
 */

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const isId = (value: string) => ID_PATTERN.test(value);

function parseNumber(raw: string | null, min: number, max: number): number | null {
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

function parseList(raw: string | null): string[] {
  return raw ? raw.split(',').filter((part) => part !== '') : [];
}

/** The page path of a view: presenting has its own route, so a link can open straight into the story. */
export function viewStatePath(state: ViewState): string {
  return state.mode === 'present' ? '/present' : '/';
}

export function viewStateToParams(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.camera) {
    params.set(
      'at',
      [round(state.camera.lon, 5), round(state.camera.lat, 5), round(state.camera.zoom, 2)].join(','),
    );
  }
  if (state.hiddenResources.length > 0) params.set('hide', [...state.hiddenResources].sort().join(','));
  const statuses = [...state.statuses].sort();
  if (statuses.join(',') !== [...defaultStatuses].sort().join(','))
    params.set('status', statuses.join(',') || 'none');
  if (state.showCandidates) params.set('cand', '1');
  if (!state.clusters) params.set('cluster', '0');
  if (state.animateFlows !== null) params.set('anim', state.animateFlows ? '1' : '0');
  if (state.municipality) params.set('mun', state.municipality);
  if (state.category) params.set('cat', state.category);
  if (state.year !== null) params.set('year', String(state.year));
  if (state.selectedCompanyId) params.set('sel', state.selectedCompanyId);
  if (state.highlightedArcId) params.set('arc', state.highlightedArcId);
  if (state.view !== 'map') params.set('view', state.view);
  params.set('lang', state.language);
  if (state.mode === 'present') params.set('ch', String(state.chapter + 1));
  const finder = state.partnerFinder;
  if (finder) {
    params.set('find', [round(finder.lon, 5), round(finder.lat, 5), finder.radiusKm].join(','));
    if (finder.companyId) params.set('findco', finder.companyId);
    if (finder.resourceId) params.set('findres', finder.resourceId);
    if (finder.direction) params.set('finddir', finder.direction);
  }
  return params;
}

function parseView(raw: string | null): ViewState['view'] {
  return raw === 'list' || raw === 'diagram' ? raw : 'map';
}

function parseCamera(raw: string | null): ViewState['camera'] {
  const [lon, lat, zoom] = parseList(raw);
  const camera = {
    lon: parseNumber(lon ?? null, -180, 180),
    lat: parseNumber(lat ?? null, -90, 90),
    zoom: parseNumber(zoom ?? null, 0, 22),
  };
  return camera.lon !== null && camera.lat !== null && camera.zoom !== null
    ? { lon: camera.lon, lat: camera.lat, zoom: camera.zoom }
    : null;
}

function parseFinder(params: URLSearchParams): PartnerFinderState | null {
  const [lon, lat, radius] = parseList(params.get('find'));
  const finder = {
    lon: parseNumber(lon ?? null, -180, 180),
    lat: parseNumber(lat ?? null, -90, 90),
    radiusKm: parseNumber(radius ?? null, 0.1, 500),
  };
  if (finder.lon === null || finder.lat === null || finder.radiusKm === null) return null;
  const companyId = params.get('findco');
  const resourceId = params.get('findres');
  const direction = params.get('finddir');
  return {
    lon: finder.lon,
    lat: finder.lat,
    radiusKm: finder.radiusKm,
    companyId: companyId && isId(companyId) ? companyId : null,
    resourceId: resourceId && isId(resourceId) ? resourceId : null,
    direction: direction === 'output' || direction === 'input' ? direction : null,
  };
}

export function paramsToViewState(
  params: URLSearchParams,
  fallbackLanguage: ViewState['language'] = 'en',
  pathname = '/',
): ViewState {
  const status = params.get('status');
  const knownStatuses = parseList(status).filter((s): s is ExchangeStatus =>
    (EXCHANGE_STATUSES as readonly string[]).includes(s),
  );
  // "No status" is written as `none`; a list with nothing known in it is a broken link, not a choice.
  const statuses = status === 'none' || knownStatuses.length > 0 ? knownStatuses : defaultViewState.statuses;
  const category = params.get('cat');
  const municipality = params.get('mun');
  const selected = params.get('sel');
  const arc = params.get('arc');
  const year = parseNumber(params.get('year'), 1900, 2100);
  return {
    camera: parseCamera(params.get('at')),
    hiddenResources: parseList(params.get('hide')).filter(isId),
    statuses,
    showCandidates: params.get('cand') === '1',
    clusters: params.get('cluster') !== '0',
    animateFlows: params.get('anim') === '1' ? true : params.get('anim') === '0' ? false : null,
    municipality: MunicipalityCodeSchema.safeParse(municipality).success ? municipality : null,
    category: (RESOURCE_CATEGORIES as readonly string[]).includes(category ?? '')
      ? (category as ResourceCategory)
      : null,
    year: year === null ? null : Math.round(year),
    selectedCompanyId: selected && isId(selected) ? selected : null,
    highlightedArcId: arc && /^[a-z0-9][a-z0-9-]*$/.test(arc) ? arc : null,
    view: parseView(params.get('view')),
    mode: pathname.replace(/\/+$/, '') === '/present' ? 'present' : 'explore',
    chapter: Math.max(0, Math.round(parseNumber(params.get('ch'), 1, 100) ?? 1) - 1),
    language: params.get('lang') === 'da' ? 'da' : params.get('lang') === 'en' ? 'en' : fallbackLanguage,
    partnerFinder: parseFinder(params),
  };
}
