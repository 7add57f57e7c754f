import { describe, expect, it } from 'vitest';
import {
  boundaries,
  CURRENT_YEAR,
  company,
  firstCompany,
  firstExchange,
  problemsAfter,
} from './testing/dataset-fixture.ts';

describe('validateDataset', () => {
  it('finds nothing wrong with the intact fixture', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });

  it('reports schema problems by record id', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).source = [];
    });
    expect(problems).toEqual([
      {
        rule: 'schema',
        path: 'exchanges[power-station-steam-to-pharma].source',
        message: 'at least one source (URL or citation) is required',
      },
    ]);
  });

  it('catches swapped longitude and latitude', () => {
    const problems = problemsAfter((data) => {
      firstCompany(data).geometry.coordinates = [55.66, 11.08];
    }, false);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.rule).toBe('bounds');
    expect(problems[0]?.path).toBe('companies[power-station].geometry.coordinates');
    expect(problems[0]?.message).toContain('looks like [latitude, longitude]');
  });

  it('catches a dangling exchange end', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).to = 'nobody';
    });
    expect(problems).toEqual([
      {
        rule: 'reference',
        path: 'exchanges[power-station-steam-to-pharma].to',
        message: 'no company with id "nobody"',
      },
    ]);
  });

  it('catches an exchange from a company to itself', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).to = 'power-station';
    });
    expect(problems.map((p) => p.rule)).toEqual(['reference']);
  });

  it('catches a duplicate id', () => {
    const problems = problemsAfter((data) => {
      data.companies.features.push(company('pharma', [11.1, 55.65]));
    });
    expect(problems.filter((p) => p.rule === 'duplicate-id').map((p) => p.path)).toEqual([
      'companies[pharma]',
      'streams[pharma-out-steam]',
    ]);
  });

  it('catches an unknown resource in exchanges and streams', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).resourceId = 'unobtainium';
      const [stream] = firstCompany(data).properties.streams;
      if (stream) stream.resourceId = 'unobtainium';
    });
    expect(problems.map((p) => [p.rule, p.path])).toEqual([
      ['reference', 'exchanges[power-station-steam-to-pharma].resourceId'],
      ['reference', 'companies[power-station].streams[power-station-out-steam].resourceId'],
    ]);
  });

  it('catches an end year before the start year', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).endYear = 1970;
    });
    expect(problems).toEqual([
      {
        rule: 'years',
        path: 'exchanges[power-station-steam-to-pharma]',
        message: 'ends (1970) before it starts (1982)',
      },
    ]);
  });

  it('catches years after the current year, which is passed in', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).endYear = CURRENT_YEAR + 1;
    });
    expect(problems.map((p) => p.rule)).toEqual(['years']);
  });

  it('catches an ended exchange that still says "existing"', () => {
    const problems = problemsAfter((data) => {
      firstExchange(data).status = 'existing';
    });
    expect(problems.map((p) => [p.rule, p.path])).toEqual([
      ['status', 'exchanges[power-station-steam-to-pharma].endYear'],
    ]);
  });

  it('catches a point outside its municipality', () => {
    const problems = problemsAfter((data) => {
      firstCompany(data).geometry.coordinates = [11.3, 55.8];
    });
    expect(problems).toEqual([
      {
        rule: 'municipality',
        path: 'companies[power-station].geometry.coordinates',
        message:
          'power-station should lie in 0326 Kalundborg but lies outside every municipality (in the sea?)',
      },
    ]);
  });

  it('names the municipality from the committed outlines, whose property is "name"', () => {
    const problems = problemsAfter((data) => {
      firstCompany(data).geometry.coordinates = [11.3, 55.8];
    });
    const named = structuredClone(boundaries);
    for (const feature of named.features) feature.properties = { komkode: '0326', name: 'Kalundborg' };
    const renamed = problemsAfter(
      (data) => {
        firstCompany(data).geometry.coordinates = [11.3, 55.8];
      },
      true,
      named,
    );
    expect(renamed).toEqual(problems);
  });

  it('catches a point that lies in a covered municipality but claims none', () => {
    const problems = problemsAfter((data) => {
      firstCompany(data).properties.municipality = null as unknown as string;
    });
    expect(problems.map((p) => p.rule)).toEqual(['municipality']);
  });

  it('skips the municipality check without boundaries', () => {
    const problems = problemsAfter((data) => {
      firstCompany(data).geometry.coordinates = [11.3, 55.8];
    }, false);
    expect(problems).toEqual([]);
  });

  it('catches an exchange that is more public than its companies', () => {
    const problems = problemsAfter((data) => {
      firstCompany(data).properties.visibility = 'secretariat';
      for (const stream of firstCompany(data).properties.streams) stream.visibility = 'secretariat';
    });
    expect(problems.map((p) => [p.rule, p.path])).toEqual([
      ['visibility', 'exchanges[power-station-steam-to-pharma].visibility'],
    ]);
  });

  it('catches two resources with one colour', () => {
    const problems = problemsAfter((data) => {
      const [, second] = data.resources;
      if (second) second.colour = '#D55E00';
    });
    expect(problems.map((p) => p.rule)).toEqual(['palette']);
  });

  it('catches a place polygon against the right-hand rule', () => {
    const clockwise = [
      [11.0, 55.6],
      [11.0, 55.7],
      [11.2, 55.7],
      [11.0, 55.6],
    ];
    const problems = problemsAfter((data) => {
      Object.assign(data, {
        places: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              geometry: { type: 'Polygon', coordinates: [clockwise] },
              properties: {
                id: 'lammefjorden',
                name: 'Lammefjorden',
                kind: 'area',
                municipality: '0306',
                accuracyKm: 3,
                source: 'test',
              },
            },
          ],
        },
      });
    });
    expect(problems).toEqual([
      {
        rule: 'geojson',
        path: 'places[lammefjorden].geometry.coordinates[0]',
        message: 'ring must be counter-clockwise (exterior ring) by the right-hand rule',
      },
    ]);
  });
});
