import type { Quantity, Visibility } from './common.ts';
import type { CompanyFeature, Stream } from './company.ts';
import type { Exchange } from './exchange.ts';
import type { ImpactFigure } from './impact.ts';
import { coarsenQuantity } from './quantity-bands.ts';
import type { Resource } from './resource.ts';
import { canSee, canSeeExactQuantity, type VisibleRecord } from './visibility.ts';

export interface DatasetView {
  resources: Resource[];
  companies: CompanyFeature[];
  exchanges: Exchange[];
  impactFigures: ImpactFigure[];
}

export interface ViewOptions {
  /**
   * A partner's own company: it sees its own company record and all of its own streams with their exact
   * quantities, whatever their visibility, since it told the secretariat those things itself. Exchanges stay
   * at the caller's level (the other end, or staff, may not have released them).
   */
  ownCompanyId?: string | null;
}

/** The record's quantity as a caller cleared for `level` may see it: exact, or only its band. */
export function quantityAsSeenBy(
  level: Visibility,
  record: VisibleRecord & { quantity: Quantity },
): Quantity {
  return canSeeExactQuantity(level, record) ? record.quantity : coarsenQuantity(record.quantity);
}

function streamAsSeenBy(level: Visibility, stream: Stream): Stream {
  return canSeeExactQuantity(level, stream)
    ? stream
    : { ...stream, quantity: coarsenQuantity(stream.quantity) };
}

/**
 * An exchange whose exact quantity is hidden also loses its attributed impact figures: an avoided-CO₂ figure
 * is the quantity times a factor, so it would give the quantity away.
 */
function exchangeAsSeenBy(level: Visibility, exchange: Exchange): Exchange {
  if (canSeeExactQuantity(level, exchange)) return exchange;
  return { ...exchange, quantity: coarsenQuantity(exchange.quantity), impact: [] };
}

/**
 * The part of the data a caller cleared for `level` may see. An exchange is shown only when both its ends
 * are, so a hidden partner cannot be inferred from a visible arc; a company's hidden streams are removed
 * from it, not blanked; a quantity the caller is not cleared for is replaced by its band; an impact figure
 * names only visible companies. Everything the API returns, counts or exports is computed from this view.
 */
export function visibleTo(level: Visibility, data: DatasetView, options: ViewOptions = {}): DatasetView {
  const own = options.ownCompanyId ?? null;
  const companies = data.companies
    .filter((company) => company.properties.id === own || canSee(level, company.properties.visibility))
    .map((company) => {
      if (company.properties.id === own) return company;
      return {
        ...company,
        properties: {
          ...company.properties,
          streams: company.properties.streams
            .filter((stream) => canSee(level, stream.visibility))
            .map((stream) => streamAsSeenBy(level, stream)),
        },
      };
    });
  const visibleIds = new Set(companies.map((company) => company.properties.id));
  return {
    resources: data.resources,
    companies,
    exchanges: data.exchanges
      .filter(
        (exchange) =>
          canSee(level, exchange.visibility) && visibleIds.has(exchange.from) && visibleIds.has(exchange.to),
      )
      .map((exchange) => exchangeAsSeenBy(level, exchange)),
    impactFigures: data.impactFigures
      .filter((figure) => canSee(level, figure.visibility))
      .map((figure) =>
        figure.companyIds?.every((id) => visibleIds.has(id)) === false
          ? { ...figure, companyIds: figure.companyIds.filter((id) => visibleIds.has(id)) }
          : figure,
      ),
  };
}
