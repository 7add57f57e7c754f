import { describe, expect, it } from 'vitest';
import type { Fixture } from './testing/dataset-fixture.ts';
import { firstCompany, firstExchange, problemsAfter } from './testing/dataset-fixture.ts';

const EXCHANGE = 'exchanges[power-station-steam-to-pharma]';

/** The fixture company's steam stream, cited from a page so that only the quantity is under test. */
function firstStream(data: Fixture) {
  const stream = firstCompany(data).properties.streams[0];
  if (!stream) throw new Error('fixture company has no stream');
  stream.source = ['https://example.org/steam'];
  return stream;
}

/** An impact figure like the fixture's headline one, for building series. */
function figure(id: string, value: number, year: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    metric: 'co2',
    label: { da: 'CO₂', en: 'CO₂' },
    value,
    unit: 't/yr',
    year,
    scope: { da: 'Alt', en: 'All' },
    headline: false,
    method: `inventory ${year}`,
    source: [`https://example.org/figures/${year}`],
    verification: 'verified',
    visibility: 'public',
    ...extra,
  };
}

const rulesOf = (problems: { rule: string; path: string }[]) => problems.map((p) => [p.rule, p.path]);

describe('a quantity needs its year and a source', () => {
  it('refuses an exchange quantity without the year it refers to', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).quantity = { value: 1000, unit: 'MWh/yr' } as never;
    });
    expect(rulesOf(problems)).toEqual([['provenance', `${EXCHANGE}.quantity`]]);
    expect(problems[0]?.message).toContain('1000 MWh/yr has no referenceYear');
  });

  it('takes a rough date when it is flagged, so "early 1990s" can be stored', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).quantity = {
        value: 1000,
        unit: 'MWh/yr',
        referenceYear: 1993,
        referenceYearApproximate: true,
      } as never;
    });
    expect(problems).toEqual([]);
  });

  it('stores a published range as a band with its year, and refuses one without', () => {
    const range = { value: null, unit: 'MWh/yr', band: { min: 15000, max: 27000 } };
    expect(
      problemsAfter((data) => {
        firstStream(data).quantity = { ...range, referenceYear: 2000 } as never;
      }),
    ).toEqual([]);
    const problems = problemsAfter((data) => {
      firstStream(data).quantity = range as never;
    });
    expect(rulesOf(problems)).toEqual([
      ['provenance', 'companies[power-station].streams[power-station-out-steam].quantity'],
    ]);
    expect(problems[0]?.message).toContain('range 15000–27000 MWh/yr');
  });

  it('refuses a figure presented as a fact whose only source is a note nobody can open', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).source = ['Fiksel, Design for Environment (1996), p. 184'];
    });
    expect(rulesOf(problems)).toEqual([['provenance', `${EXCHANGE}.quantity`]]);
    expect(problems[0]?.message).toContain("add the source's URL");
  });

  it("lets the dataset's own estimate carry its reasoning instead of a link, but still dated", () => {
    const estimate = (withYear: boolean) =>
      problemsAfter((data) => {
        const exchange = firstExchange(data);
        exchange.source = ['estimate from the plant size'];
        exchange.verification = 'estimate';
        exchange.visibility = 'secretariat';
        if (!withYear) exchange.quantity = { value: 1000, unit: 'MWh/yr' } as never;
      });
    expect(estimate(true)).toEqual([]);
    expect(rulesOf(estimate(false))).toEqual([['provenance', `${EXCHANGE}.quantity`]]);
  });

  it('refuses an exchange impact without its year', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).impact = [
        {
          metric: 'co2',
          label: { da: 'CO₂', en: 'CO₂' },
          value: 31000,
          unit: 't CO₂/yr',
          source: ['https://example.org/steam'],
          verification: 'verified',
        },
      ] as never;
    });
    expect(rulesOf(problems)).toEqual([['provenance', `${EXCHANGE}.impact[0]`]]);
  });

  it('refuses an impact figure cited only from a note', () => {
    const problems = problemsAfter((data) => {
      const [headline] = data.impactFigures;
      if (headline) headline.source = ['Ellen MacArthur Foundation case study'];
    });
    expect(rulesOf(problems)).toEqual([['provenance', 'impactFigures[co2-avoided-2010]']]);
  });
});

describe('an impact figure is never a sum across years, methods or sources', () => {
  it('refuses a declared total over figures of different years and methods', () => {
    const problems = problemsAfter((data) => {
      data.impactFigures.push(
        figure('co2-1993', 130000, 1993) as never,
        figure('co2-2018', 635000, 2018) as never,
        figure('co2-total', 765000, 2018, { sumOf: ['co2-1993', 'co2-2018'] }) as never,
      );
    });
    expect(rulesOf(problems)).toEqual([['impact-sum', 'impactFigures[co2-total].sumOf']]);
    expect(problems[0]?.message).toContain('adds "co2-1993"');
  });

  it('accepts a declared total over parts measured the same way, and refuses a missing part', () => {
    const same = { method: 'plant survey 2018', source: ['https://example.org/survey'] };
    expect(
      problemsAfter((data) => {
        data.impactFigures.push(
          figure('plant-a', 100, 2018, same) as never,
          figure('plant-b', 50, 2018, same) as never,
          figure('plants', 150, 2018, { ...same, sumOf: ['plant-a', 'plant-b'] }) as never,
        );
      }),
    ).toEqual([]);
    const missing = problemsAfter((data) => {
      data.impactFigures.push(figure('plants', 150, 2018, { sumOf: ['plant-a', 'plant-b'] }) as never);
    });
    expect(missing.map((p) => p.message)).toEqual([
      'no impact figure with id "plant-a" to add',
      'no impact figure with id "plant-b" to add',
    ]);
  });

  it('refuses a headline figure that declares itself a total: headline figures are shown as published', () => {
    const same = { method: 'test fixture', source: ['https://example.org/figures'] };
    const problems = problemsAfter((data) => {
      data.impactFigures.push(figure('part-a', 200000, 2010, same) as never);
      data.impactFigures.push(figure('part-b', 75000, 2010, same) as never);
      const [headline] = data.impactFigures;
      if (headline) Object.assign(headline, { sumOf: ['part-a', 'part-b'] });
    });
    expect(problems.map((p) => p.message)).toContain(
      'a headline figure is shown as published, so it cannot be a total computed from other figures',
    );
  });

  it('catches a headline figure that was typed in as a sum of figures of other years', () => {
    const problems = problemsAfter((data) => {
      // 135,000 t (1990s) + 140,000 t (2016) = the headline's 275,000 t.
      data.impactFigures.push(figure('fly-ash-1993', 135000, 1993) as never);
      data.impactFigures.push(figure('gypsum-2016', 140000, 2016) as never);
    });
    expect(rulesOf(problems)).toEqual([['impact-sum', 'impactFigures[co2-avoided-2010].value']]);
  });

  it('leaves figures of other years alone when they do not add up to a headline figure', () => {
    const problems = problemsAfter((data) => {
      data.impactFigures.push(figure('co2-1993', 130000, 1993) as never);
      data.impactFigures.push(figure('co2-2018', 635000, 2018) as never);
    });
    expect(problems).toEqual([]);
  });
});
