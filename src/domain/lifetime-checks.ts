// Dataset rules for time: an exchange flows only while both its ends exist, a historic exchange's last sighting
// lies within its life, and a membership lies within the company's own years. Pure, like dataset-validation.ts.
import type { CompanyProperties } from './company.ts';
import type { Problem } from './dataset-problems.ts';
import type { Exchange } from './exchange.ts';
import type { Dataset } from './schema.ts';

/**
 * The last year an exchange is known to flow: its end year, else the year a source last saw it (historic),
 * else today (existing). null for exchanges that never flowed (candidates, proposals, rejected ideas).
 */
function lastFlowYear(exchange: Exchange, currentYear: number): number | null {
  if (exchange.status === 'existing') return exchange.endYear ?? currentYear;
  if (exchange.status !== 'historic') return null;
  return exchange.endYear ?? exchange.lastSeenYear ?? exchange.startYear;
}

function lifeOf(company: CompanyProperties): string {
  const parts = [
    company.established && `established ${company.established.year}`,
    company.closed && `closed ${company.closed.year}`,
  ].filter(Boolean);
  return parts.join(', ');
}

/**
 * An exchange cannot start before either end existed (`established`) nor flow after either end closed
 * (`closed`). A company without these years constrains nothing: the rule checks what sources say, it does not
 * guess. `lastSeenYear` belongs only to a historic exchange whose end year no source gives, and lies between
 * its start and today.
 */
export function checkExchangeLifetimes(dataset: Dataset, currentYear: number): Problem[] {
  const problems: Problem[] = [];
  const companies = new Map(dataset.companies.features.map((f) => [f.properties.id, f.properties]));
  for (const exchange of dataset.exchanges) {
    const path = `exchanges[${exchange.id}]`;
    const last = lastFlowYear(exchange, currentYear);
    for (const end of ['from', 'to'] as const) {
      const company = companies.get(exchange[end]);
      if (!company || last === null) continue;
      const { established, closed } = company;
      if (established && exchange.startYear !== null && exchange.startYear < established.year) {
        problems.push({
          rule: 'lifetime',
          path: `${path}.startYear`,
          message: `starts in ${exchange.startYear}, before ${company.name} existed (${lifeOf(company)})`,
        });
      }
      if (closed && last > closed.year) {
        problems.push({
          rule: 'lifetime',
          path: `${path}.${exchange.endYear !== null ? 'endYear' : exchange.lastSeenYear !== undefined ? 'lastSeenYear' : 'status'}`,
          message: `flows until ${last}, after ${company.name} closed (${lifeOf(company)})`,
        });
      }
    }
    problems.push(...checkLastSeen(exchange, currentYear));
  }
  return problems;
}

function checkLastSeen(exchange: Exchange, currentYear: number): Problem[] {
  const seen = exchange.lastSeenYear;
  if (seen === undefined) return [];
  const path = `exchanges[${exchange.id}].lastSeenYear`;
  if (exchange.status !== 'historic' || exchange.endYear !== null) {
    return [
      {
        rule: 'years',
        path,
        message:
          'lastSeenYear is for a historic exchange whose end year no source gives; remove it or the end year',
      },
    ];
  }
  if (exchange.startYear !== null && seen < exchange.startYear) {
    return [
      { rule: 'years', path, message: `last seen in ${seen}, before it started (${exchange.startYear})` },
    ];
  }
  if (seen > currentYear) {
    return [{ rule: 'years', path, message: `last seen in ${seen}, after the current year ${currentYear}` }];
  }
  return [];
}

/**
 * A membership period must agree with the rest of the company's record:
 * - a membership (`partnerSince`) names where it comes from (`membershipSource`) and has a start if it has an
 *   end;
 * - a current partner has a published membership, and a former partner's has ended; registered potentials
 *   and outside counterparties have none;
 * - it lies within the company's own years: it starts no earlier than `established` and neither starts nor
 *   ends after `closed`.
 * Exchanges are not compared with membership: plants took part in exchanges long before, or without, joining
 * the association (e.g. Kalundborg Bioenergi from 2018, a member from 2020).
 */
export function checkMemberships(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  for (const { properties: company } of dataset.companies.features) {
    const path = `companies[${company.id}]`;
    const push = (field: string, message: string) =>
      problems.push({ rule: 'membership', path: `${path}.${field}`, message });
    const { partnerSince: since, partnerUntil: until, role } = company;
    if (since === null && until !== null)
      push('partnerSince', `a membership that ended in ${until} needs its start`);
    if (since !== null && !company.membershipSource) {
      push('membershipSource', `the membership from ${since} needs the page(s) it comes from`);
    }
    if (role === 'partner' && since === null) {
      push('partnerSince', 'a current partner needs the year it joined, from a published member list');
    }
    if (role === 'former-partner' && since !== null && until === null) {
      push('partnerUntil', `a former partner's membership (from ${since}) needs the year it ended`);
    }
    if ((role === 'registered-potential' || role === 'external') && (since !== null || until !== null)) {
      push(
        'partnerSince',
        `a company with role "${role}" has no membership; use "partner" or "former-partner"`,
      );
    }
    const { established, closed } = company;
    if (since !== null && established && since < established.year) {
      push('partnerSince', `joins in ${since}, before it existed (${lifeOf(company)})`);
    }
    if (closed && since !== null && since > closed.year) {
      push('partnerSince', `joins in ${since}, after it closed (${lifeOf(company)})`);
    } else if (closed && since !== null && (until ?? Number.POSITIVE_INFINITY) > closed.year) {
      push('partnerUntil', `is still a member after it closed (${lifeOf(company)})`);
    }
  }
  return problems;
}
