import { useTranslation } from 'react-i18next';
import type { MapCompany } from '../../domain/api.ts';
import type { MunicipalityBoundaries } from '../../domain/boundaries.ts';
import type { AreaGeometry } from '../../domain/geojson.ts';
import type { Exchange, Resource } from '../../domain/schema.ts';
import { isActiveIn } from '../../domain/timeline.ts';

interface Props {
  code: string;
  name: string;
  areas: MunicipalityBoundaries;
  companies: ReadonlyMap<string, MapCompany>;
  exchanges: readonly Exchange[];
  startedIds: readonly string[];
  endedIds: readonly string[];
  /** The last year of the period: which other exchanges were flowing then. */
  year: number;
  resources: ReadonlyMap<string, Resource>;
}

const WIDTH = 600;
const HEIGHT = 330;
const PAD = 12;

function ringsOf(geometry: AreaGeometry): number[][][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/**
 * The municipality's outline and its flows as a small static drawing (SVG), for the printed report: it
 * prints crisply on paper and needs no WebGL. Equirectangular, scaled by cos(latitude) so that shapes are
 * true at this latitude; the neighbours are drawn faintly for context.
 */
export function MunicipalityMap({
  code,
  name,
  areas,
  companies,
  exchanges,
  startedIds,
  endedIds,
  year,
  resources,
}: Props) {
  const { t } = useTranslation();
  const own = areas.features.filter((feature) => feature.properties.komkode === code);
  const points = own.flatMap((feature) => ringsOf(feature.geometry).flat());
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0] ?? 0);
  const lats = points.map((p) => p[1] ?? 0);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = Math.min(
    (WIDTH - 2 * PAD) / ((maxLon - minLon) * kx),
    (HEIGHT - 2 * PAD) / (maxLat - minLat),
  );
  const offsetX = (WIDTH - (maxLon - minLon) * kx * scale) / 2;
  const offsetY = (HEIGHT - (maxLat - minLat) * scale) / 2;
  const project = (lon: number, lat: number): [number, number] => [
    Math.round((offsetX + (lon - minLon) * kx * scale) * 10) / 10,
    Math.round((offsetY + (maxLat - lat) * scale) * 10) / 10,
  ];
  const pathOf = (geometry: AreaGeometry) =>
    ringsOf(geometry)
      .map((ring) => `M${ring.map(([lon = 0, lat = 0]) => project(lon, lat).join(',')).join('L')}Z`)
      .join('');

  // One path per municipality (islands are separate features); the municipality itself is drawn last, on top.
  const outlines = new Map<string, string>();
  for (const feature of areas.features) {
    const komkode = feature.properties.komkode;
    if (komkode !== code) outlines.set(komkode, (outlines.get(komkode) ?? '') + pathOf(feature.geometry));
  }
  outlines.set(code, own.map((feature) => pathOf(feature.geometry)).join(''));
  const inside = (id: string) => companies.get(id)?.municipality === code;
  const touching = exchanges.filter((exchange) => inside(exchange.from) || inside(exchange.to));
  const started = new Set(startedIds);
  const ended = new Set(endedIds);
  const line = (exchange: Exchange) => {
    const from = companies.get(exchange.from);
    const to = companies.get(exchange.to);
    if (!from || !to) return null;
    const [x1, y1] = project(from.lon, from.lat);
    const [x2, y2] = project(to.lon, to.lat);
    return { x1, y1, x2, y2 };
  };
  const flowing = touching.filter((e) => !started.has(e.id) && !ended.has(e.id) && isActiveIn(e, year));
  const drawn = (list: readonly Exchange[], className: string, colour?: (e: Exchange) => string) =>
    list.map((exchange) => {
      const ends = line(exchange);
      return ends ? (
        <line
          key={exchange.id}
          {...ends}
          className={className}
          stroke={colour?.(exchange)}
          data-exchange={exchange.id}
        />
      ) : null;
    });
  const here = [...companies.values()].filter((company) => company.municipality === code);

  return (
    <figure className="wb-map">
      <svg
        className="wb-map-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('report.map', { name })}
      >
        <rect width={WIDTH} height={HEIGHT} className="wb-map-sea" />
        {[...outlines.entries()].map(([komkode, d]) => (
          <path key={komkode} d={d} className={komkode === code ? 'wb-map-own' : 'wb-map-other'} />
        ))}
        {drawn(flowing, 'wb-map-flowing')}
        {drawn(
          touching.filter((e) => ended.has(e.id)),
          'wb-map-ended',
        )}
        {drawn(
          touching.filter((e) => started.has(e.id)),
          'wb-map-started',
          (e) => resources.get(e.resourceId)?.colour ?? '#333333',
        )}
        {touching
          .filter((e) => started.has(e.id))
          .map((exchange) => {
            const ends = line(exchange);
            return ends ? (
              <circle
                key={`mark-${exchange.id}`}
                cx={ends.x2}
                cy={ends.y2}
                r={9}
                className="wb-map-mark"
                stroke={resources.get(exchange.resourceId)?.colour ?? '#333333'}
              />
            ) : null;
          })}
        {here.map((company) => {
          const [cx, cy] = project(company.lon, company.lat);
          return <circle key={company.id} cx={cx} cy={cy} r={3} className="wb-map-company" />;
        })}
      </svg>
      <figcaption className="wb-map-legend">
        <span>
          <span className="wb-key wb-key-started" aria-hidden="true" /> {t('report.mapStarted')}
        </span>
        <span>
          <span className="wb-key wb-key-ended" aria-hidden="true" /> {t('report.mapEnded')}
        </span>
        <span>
          <span className="wb-key wb-key-flowing" aria-hidden="true" /> {t('report.mapFlowing')}
        </span>
        <span>
          <span className="wb-key wb-key-company" aria-hidden="true" /> {t('report.mapCompanies')}
        </span>
      </figcaption>
    </figure>
  );
}
