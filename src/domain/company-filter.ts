import type { CompaniesQuery } from './api.ts';
import type { CompanyFeature } from './company.ts';
import { searchKey } from './ids.ts';

function matchesText(company: CompanyFeature, key: string): boolean {
  const { name, aliases } = company.properties;
  return [name, ...aliases.map((alias) => alias.name)].some((text) => searchKey(text).includes(key));
}

/**
 * The companies a query asks for. `resource` keeps companies with a stream of that resource (in
 * `direction` when given); `direction` alone keeps companies with any stream that way; `q` matches name
 * and former names, ignoring case and accents.
 */
export function filterCompanies(
  companies: readonly CompanyFeature[],
  query: CompaniesQuery,
): CompanyFeature[] {
  const key = query.q ? searchKey(query.q) : null;
  return companies.filter((company) => {
    const { municipality, streams } = company.properties;
    if (query.municipality && municipality !== query.municipality) return false;
    if (query.resource || query.direction) {
      const hasStream = streams.some(
        (stream) =>
          (!query.resource || stream.resourceId === query.resource) &&
          (!query.direction || stream.direction === query.direction),
      );
      if (!hasStream) return false;
    }
    return key === null || matchesText(company, key);
  });
}
