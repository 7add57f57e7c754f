import type { Visibility } from './common.ts';
import type { CompanyFeature } from './company.ts';
import type { Exchange } from './exchange.ts';
import type { ImpactFigure } from './impact.ts';
import type { Resource } from './resource.ts';
import { canSee } from './visibility.ts';

export interface DatasetView {
  resources: Resource[];
  companies: CompanyFeature[];
  exchanges: Exchange[];
  impactFigures: ImpactFigure[];
}

/**
 * The part of the data a caller cleared for `level` may see. An exchange is shown only when both its ends
 * are, so a hidden partner cannot be inferred from a visible arc; a company's hidden streams are removed
 * from it, not blanked. Everything the API returns, counts or exports is computed from this view.
 */
export function visibleTo(level: Visibility, data: DatasetView): DatasetView {
  const companies = data.companies
    .filter((company) => canSee(level, company.properties.visibility))
    .map((company) => ({
      ...company,
      properties: {
        ...company.properties,
        streams: company.properties.streams.filter((stream) => canSee(level, stream.visibility)),
      },
    }));
  const visibleIds = new Set(companies.map((company) => company.properties.id));
  return {
    resources: data.resources,
    companies,
    exchanges: data.exchanges.filter(
      (exchange) =>
        canSee(level, exchange.visibility) && visibleIds.has(exchange.from) && visibleIds.has(exchange.to),
    ),
    impactFigures: data.impactFigures.filter((figure) => canSee(level, figure.visibility)),
  };
}
