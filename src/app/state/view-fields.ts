import { ID_PATTERN, MunicipalityCodeSchema } from '../../domain/common.ts';
import { EXCHANGE_STATUSES, type ExchangeStatus } from '../../domain/exchange.ts';
import { RESOURCE_CATEGORIES, type ResourceCategory } from '../../domain/resource.ts';
import type { PartnerFinderState, ViewState } from './view-state.ts';

/**
 * Every field of the shareable view, once: its default, how it is written into a link and how it is read
 * back. The URL reader and writer (url-state.ts) and the store (ui-store.ts) all walk this table, so a new
 * field is one entry here. Links stay short and readable (`?at=11.09,55.68,10&hide=steam&sel=fors`): a
 * field at its default writes nothing. Reading never throws: a hand-edited or outdated link falls back to
 * the default field by field.
 */
export interface ViewField<T> {
  default: T;
  /** The query parameters for a value (none at the default); `view` for fields written only in some modes. */
  write(value: T, view: ViewState): [name: string, text: string][];
  read(link: ViewLink): T;
}

/** What a field is read from: the query, the path (presenting has its own route) and the browser's language. */
export interface ViewLink {
  params: URLSearchParams;
  pathname: string;
  fallbackLanguage: ViewState['language'];
}

export const defaultStatuses: ExchangeStatus[] = ['existing', 'proposed', 'candidate'];

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const isId = (value: string) => ID_PATTERN.test(value);
const ARC_ID = /^[a-z0-9][a-z0-9-]*$/;

function parseNumber(raw: string | null | undefined, min: number, max: number): number | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= min && value <= max ? value : null;
}

function parseList(raw: string | null): string[] {
  return raw ? raw.split(',').filter((part) => part !== '') : [];
}

const sortedKey = (values: readonly string[]) => [...values].sort().join(',');

/** An id-valued field written under one parameter, dropped when it is not a well-formed id. */
function idField(name: string, valid: (raw: string) => boolean = isId): ViewField<string | null> {
  return {
    default: null,
    write: (value) => (value ? [[name, value]] : []),
    read: ({ params }) => {
      const raw = params.get(name);
      return raw && valid(raw) ? raw : null;
    },
  };
}

/** A yes/no field written as `1`/`0` only when it differs from its default. */
function flagField(name: string, fallback: boolean): ViewField<boolean> {
  return {
    default: fallback,
    write: (value) => (value === fallback ? [] : [[name, value ? '1' : '0']]),
    read: ({ params }) => (fallback ? params.get(name) !== '0' : params.get(name) === '1'),
  };
}

function readFinder(params: URLSearchParams): PartnerFinderState | null {
  const [lon, lat, radius] = parseList(params.get('find'));
  const centre = { lon: parseNumber(lon, -180, 180), lat: parseNumber(lat, -90, 90) };
  const radiusKm = parseNumber(radius, 0.1, 500);
  if (centre.lon === null || centre.lat === null || radiusKm === null) return null;
  const companyId = params.get('findco');
  const resourceId = params.get('findres');
  const direction = params.get('finddir');
  return {
    lon: centre.lon,
    lat: centre.lat,
    radiusKm,
    companyId: companyId && isId(companyId) ? companyId : null,
    resourceId: resourceId && isId(resourceId) ? resourceId : null,
    direction: direction === 'output' || direction === 'input' ? direction : null,
  };
}

/** Every view a link may name; anything else opens the map. */
const views: readonly ViewState['view'][] = [
  'map',
  'list',
  'diagram',
  'register',
  'registrations',
  'board',
  'scenario',
  'report',
];

type ViewFields = { [K in keyof ViewState]: ViewField<ViewState[K]> };

/** In the order parameters appear in a link. */
export const viewFields: ViewFields = {
  camera: {
    default: null,
    write: (camera) =>
      camera ? [['at', [round(camera.lon, 5), round(camera.lat, 5), round(camera.zoom, 2)].join(',')]] : [],
    read: ({ params }) => {
      const [lon, lat, zoom] = parseList(params.get('at'));
      const camera = {
        lon: parseNumber(lon, -180, 180),
        lat: parseNumber(lat, -90, 90),
        zoom: parseNumber(zoom, 0, 22),
      };
      return camera.lon !== null && camera.lat !== null && camera.zoom !== null
        ? { lon: camera.lon, lat: camera.lat, zoom: camera.zoom }
        : null;
    },
  },
  hiddenResources: {
    default: [],
    write: (hidden) => (hidden.length > 0 ? [['hide', sortedKey(hidden)]] : []),
    read: ({ params }) => parseList(params.get('hide')).filter(isId),
  },
  statuses: {
    default: defaultStatuses,
    // Order does not matter; "no status at all" is written as `none`, apart from "the defaults".
    write: (statuses) =>
      sortedKey(statuses) === sortedKey(defaultStatuses) ? [] : [['status', sortedKey(statuses) || 'none']],
    read: ({ params }) => {
      const raw = params.get('status');
      const known = parseList(raw).filter((s): s is ExchangeStatus =>
        (EXCHANGE_STATUSES as readonly string[]).includes(s),
      );
      // A list with nothing known in it is a broken link, not a choice to hide every flow.
      return raw === 'none' || known.length > 0 ? known : defaultStatuses;
    },
  },
  showCandidates: flagField('cand', false),
  clusters: flagField('cluster', true),
  animateFlows: {
    default: null,
    write: (animate) => (animate === null ? [] : [['anim', animate ? '1' : '0']]),
    read: ({ params }) => (params.get('anim') === '1' ? true : params.get('anim') === '0' ? false : null),
  },
  municipality: idField('mun', (raw) => MunicipalityCodeSchema.safeParse(raw).success),
  category: {
    default: null,
    write: (category) => (category ? [['cat', category]] : []),
    read: ({ params }) => {
      const raw = params.get('cat') ?? '';
      return (RESOURCE_CATEGORIES as readonly string[]).includes(raw) ? (raw as ResourceCategory) : null;
    },
  },
  year: {
    default: null,
    write: (year) => (year === null ? [] : [['year', String(year)]]),
    read: ({ params }) => {
      const year = parseNumber(params.get('year'), 1900, 2100);
      return year === null ? null : Math.round(year);
    },
  },
  selectedCompanyId: idField('sel'),
  highlightedArcId: idField('arc', (raw) => ARC_ID.test(raw)),
  view: {
    default: 'map',
    write: (view) => (view === 'map' ? [] : [['view', view]]),
    read: ({ params }) => {
      const raw = params.get('view');
      return views.find((view) => view === raw) ?? 'map';
    },
  },
  scenarioId: idField('scenario'),
  // Only in the report's own link: `period=2013-2014`.
  reportPeriod: {
    default: null,
    write: (period, view) =>
      period && view.view === 'report' ? [['period', `${period.from}-${period.to}`]] : [],
    read: ({ params }) => {
      const [from, to] = (/^(\d{4})-(\d{4})$/.exec(params.get('period') ?? '') ?? []).slice(1).map(Number);
      return from !== undefined && to !== undefined && from <= to && from >= 1900 && to <= 2100
        ? { from, to }
        : null;
    },
  },
  // Written by the path (/present), not by a parameter: see viewStatePath.
  mode: {
    default: 'explore',
    write: () => [],
    read: ({ pathname }) => (pathname.replace(/\/+$/, '') === '/present' ? 'present' : 'explore'),
  },
  // Always written: a shared link opens in the language it was made in, whatever the browser says.
  language: {
    default: 'en',
    write: (language) => [['lang', language]],
    read: ({ params, fallbackLanguage }) => {
      const raw = params.get('lang');
      return raw === 'da' || raw === 'en' ? raw : fallbackLanguage;
    },
  },
  // 1-based in the link, as a presenter counts chapters.
  chapter: {
    default: 0,
    write: (chapter, view) => (view.mode === 'present' ? [['ch', String(chapter + 1)]] : []),
    read: ({ params }) => Math.max(0, Math.round(parseNumber(params.get('ch'), 1, 100) ?? 1) - 1),
  },
  partnerFinder: {
    default: null,
    write: (finder) => {
      if (!finder) return [];
      const entries: [string, string][] = [
        ['find', [round(finder.lon, 5), round(finder.lat, 5), finder.radiusKm].join(',')],
      ];
      if (finder.companyId) entries.push(['findco', finder.companyId]);
      if (finder.resourceId) entries.push(['findres', finder.resourceId]);
      if (finder.direction) entries.push(['finddir', finder.direction]);
      return entries;
    },
    read: ({ params }) => readFinder(params),
  },
};

export const viewStateKeys = Object.keys(viewFields) as (keyof ViewState)[];

/** Picks the shareable fields out of a larger object (the store). */
export function pickViewState(from: ViewState): ViewState {
  const view: Partial<Record<keyof ViewState, unknown>> = {};
  for (const key of viewStateKeys) view[key] = from[key];
  return view as ViewState;
}

// Object.fromEntries loses which value goes with which key; the table's type guarantees it.
export const defaultViewState = Object.fromEntries(
  viewStateKeys.map((key) => [key, viewFields[key].default]),
) as unknown as ViewState;
