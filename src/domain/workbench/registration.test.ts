// A company's own registration: what the public form accepts, the reference it is given, and what accepting
// it makes of it (a registered potential with reported streams, shown as the company agreed).
import { describe, expect, it } from 'vitest';
import { CompanyCreateSchema, StreamCreateSchema } from '../api.ts';
import { municipalityAt } from '../geo-checks.ts';
import { boundaries } from '../testing/dataset-fixture.ts';
import { testResource } from '../testing/records.ts';
import {
  acceptedRegistration,
  companyCreateOf,
  decidedProblem,
  declinedRegistration,
  editedRegistration,
  newReference,
  pendingRegistration,
  queueOrder,
  type Registration,
  RegistrationFactsSchema,
  RegistrationSchema,
  type RegistrationSubmission,
  RegistrationSubmissionSchema,
  referenceFrom,
  registrationProblems,
  registrationSource,
  streamCreatesOf,
  unitsFor,
} from './registration.ts';

const resources = [
  testResource('surplus-heat', { canonicalUnit: 'MWh/yr' }),
  testResource('wood-chips', { canonicalUnit: 't/yr', category: 'biomass' }),
];

function submission(fields: Partial<RegistrationSubmission> = {}): RegistrationSubmission {
  return {
    company: { name: 'Holbæk Greenhouses ApS', cvr: '12345678', website: 'https://greenhouses.example.dk' },
    contact: { name: 'Mette Jensen', email: 'mette@greenhouses.example.dk', phone: '+45 12 34 56 78' },
    location: { lon: 11.69, lat: 55.705 },
    streams: [
      { direction: 'input', resourceId: 'surplus-heat', quantity: { value: 4000, unit: 'MWh/yr' } },
      { direction: 'output', resourceId: 'wood-chips' },
    ],
    consent: { shownTo: 'public', exactQuantities: false },
    ...fields,
  };
}

function pending(fields: Partial<RegistrationSubmission> = {}): Registration {
  return pendingRegistration(RegistrationSubmissionSchema.parse(submission(fields)), {
    reference: 'SA-7K3F-Q9M2',
    submittedAt: '2026-03-02T09:30:00.000Z',
    municipality: '0316',
  });
}

const invalidPaths = (input: unknown) => {
  const result = RegistrationSubmissionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('the public registration form', () => {
  it('accepts a company, its contact, a site in Denmark, its streams and what may be shown', () => {
    expect(invalidPaths(submission())).toEqual([]);
    expect(invalidPaths(submission({ homepage: '' }))).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(invalidPaths(submission({ contact: { name: 'Mette', email: 'not-an-address' } }))).toEqual([
      'contact.email',
    ]);
    expect(invalidPaths(submission({ company: { name: '  ', cvr: '1234' }, streams: [] })).sort()).toEqual([
      'company.cvr',
      'company.name',
      'streams',
    ]);
    expect(invalidPaths(submission({ company: { name: 'X', website: 'javascript:alert(1)' } }))).toEqual([
      'company.website',
    ]);
    expect(
      invalidPaths(
        submission({
          streams: [
            { direction: 'output', resourceId: 'Surplus Heat', quantity: { value: -1, unit: 't/yr' } },
          ],
        }),
      ).sort(),
    ).toEqual(['streams.0.quantity.value', 'streams.0.resourceId']);
    expect(invalidPaths({ ...submission(), extra: 1 })).toEqual(['']);
  });

  it('takes a site in Denmark only, and coordinates in range', () => {
    expect(invalidPaths(submission({ location: { lon: 13.4, lat: 52.5 } }))).toEqual(['location']);
    expect(invalidPaths(submission({ location: { lon: 11.7, lat: 91 } }))).toContain('location.lat');
    expect(invalidPaths(submission({ location: { lon: 14.9, lat: 55.1 } }))).toEqual([]);
  });

  it('refuses a filled-in honeypot', () => {
    expect(invalidPaths(submission({ homepage: 'http://spam.example' }))).toEqual(['homepage']);
  });

  it('checks the streams against the taxonomy: known resources, their units, none twice', () => {
    const details = RegistrationSubmissionSchema.parse(
      submission({
        streams: [
          { direction: 'input', resourceId: 'surplus-heat', quantity: { value: 10, unit: 'GJ/yr' } },
          { direction: 'input', resourceId: 'surplus-heat' },
          { direction: 'output', resourceId: 'wood-chips', quantity: { value: 10, unit: 'MWh/yr' } },
          { direction: 'output', resourceId: 'plutonium' },
        ],
      }),
    );
    expect(registrationProblems(details, resources).map((problem) => problem.path)).toEqual([
      'streams.1',
      'streams.2.quantity.unit',
      'streams.3.resourceId',
    ]);
    expect(registrationProblems(pending().submission, resources)).toEqual([]);
  });

  it('offers the units that convert exactly to the resource’s own, that one first', () => {
    expect(unitsFor({ canonicalUnit: 'MWh/yr' })).toEqual(['MWh/yr', 'GJ/yr', 'GWh/yr', 'TJ/yr']);
    expect(unitsFor({ canonicalUnit: 't/yr' })).toEqual(['t/yr', 'kt/yr']);
    expect(unitsFor({ canonicalUnit: 'm3/yr' })).toEqual(['m3/yr']);
  });
});

describe('references', () => {
  it('are SA-XXXX-XXXX in Crockford’s base 32, as the registration facts require', () => {
    const reference = referenceFrom(new Uint8Array([0, 1, 2, 3, 30, 31, 32, 255]));
    expect(reference).toBe('SA-0123-YZ0Z');
    expect(RegistrationFactsSchema.shape.reference.safeParse(reference).success).toBe(true);
  });

  it('are drawn from the cryptographic random source: 40 bits, never I, L, O or U', () => {
    const drawn = new Set(Array.from({ length: 2000 }, () => newReference()));
    expect(drawn.size).toBe(2000);
    for (const reference of drawn)
      expect(reference).toMatch(/^SA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});

describe('a stored registration', () => {
  it('keeps the submission without the honeypot, pending, undecided', () => {
    const registration = pending({ homepage: '' });
    expect(RegistrationSchema.parse(registration)).toEqual(registration);
    expect(registration).toMatchObject({ status: 'pending', decidedAt: null, companyId: null, edits: [] });
    expect(registration.submission).not.toHaveProperty('homepage');
  });

  it('can be edited, accepted or declined only while pending', () => {
    const edited = editedRegistration(
      pending(),
      { consent: { shownTo: 'partners', exactQuantities: true } },
      { at: '2026-03-03T08:00:00.000Z', actor: 'staff' },
    );
    expect(edited.submission.consent.shownTo).toBe('partners');
    expect(edited.edits).toEqual([{ at: '2026-03-03T08:00:00.000Z', actor: 'staff', fields: ['consent'] }]);
    expect(decidedProblem(edited, 'accept')).toBeNull();

    const accepted = acceptedRegistration(edited, {
      at: '2026-03-04T08:00:00.000Z',
      companyId: 'holbaek-greenhouses-aps',
      streamIds: ['holbaek-greenhouses-aps-input-surplus-heat'],
    });
    expect(RegistrationSchema.parse(accepted).status).toBe('accepted');
    expect(decidedProblem(accepted, 'accept')).toMatch(/was accepted on 2026-03-04; it cannot be accepted/);
    expect(decidedProblem(accepted, 'decline')).toMatch(/cannot be declined/);

    const declined = declinedRegistration(pending(), {
      at: '2026-03-04T08:00:00.000Z',
      reason: 'A duplicate.',
    });
    expect(declined).toMatchObject({ status: 'declined', declineReason: 'A duplicate.' });
    expect(decidedProblem(declined, 'edit')).toMatch(/cannot be edited/);
  });

  it('is queued pending first, newest first', () => {
    const at = (submittedAt: string, status: Registration['status']) => ({
      ...pending(),
      submittedAt,
      status,
    });
    const queue = [
      at('2026-01-01T00:00:00Z', 'pending'),
      at('2026-03-01T00:00:00Z', 'declined'),
      at('2026-02-01T00:00:00Z', 'pending'),
    ].sort(queueOrder);
    expect(queue.map((r) => [r.submittedAt.slice(0, 7), r.status])).toEqual([
      ['2026-02', 'pending'],
      ['2026-01', 'pending'],
      ['2026-03', 'declined'],
    ]);
  });

  it('lies in the municipality under its site, or in none', () => {
    expect(municipalityAt(boundaries, 11.1, 55.65)).toBe('0326');
    expect(municipalityAt(boundaries, 11.5, 55.65)).toBeNull();
  });
});

describe('accepting a registration', () => {
  it('creates a registered potential, shown as agreed, without the contact or the reference', () => {
    const create = CompanyCreateSchema.parse(companyCreateOf(pending()));
    expect(create).toMatchObject({
      name: 'Holbæk Greenhouses ApS',
      location: { lon: 11.69, lat: 55.705 },
      municipality: '0316',
      role: 'registered-potential',
      visibility: 'public',
      website: 'https://greenhouses.example.dk',
      source: ['Reported by the company through the Symbiosis Atlas registration form, 2026'],
    });
    expect(create.description.da).not.toBe(create.description.en);
    const text = JSON.stringify(create);
    for (const secret of ['mette@', 'Mette Jensen', '12 34 56 78', 'SA-7K3F-Q9M2', '12345678']) {
      expect(text).not.toContain(secret);
    }
    const about = companyCreateOf(pending({ company: { name: 'X', about: 'Tomatoes under glass.' } }));
    expect(about.description).toEqual({ da: 'Tomatoes under glass.', en: 'Tomatoes under glass.' });
  });

  it('adds its streams as the company’s word: reported, dated, exact figures only where agreed', () => {
    const { creates, alreadyThere } = streamCreatesOf(pending());
    expect(alreadyThere).toEqual([]);
    expect(creates.map((create) => StreamCreateSchema.parse(create))).toEqual([
      {
        direction: 'input',
        resourceId: 'surplus-heat',
        status: 'active',
        startYear: null,
        endYear: null,
        quantity: { value: 4000, unit: 'MWh/yr', referenceYear: 2026 },
        source: [registrationSource(pending())],
        verification: 'reported',
        visibility: 'public',
        quantityVisibility: 'secretariat',
      },
      expect.objectContaining({ direction: 'output', resourceId: 'wood-chips', visibility: 'public' }),
    ]);
    expect(creates[1]).not.toHaveProperty('quantity');

    const exact = streamCreatesOf(pending({ consent: { shownTo: 'partners', exactQuantities: true } }));
    expect(exact.creates[0]).toMatchObject({ visibility: 'partners' });
    expect(exact.creates[0]).not.toHaveProperty('quantityVisibility');
  });

  it('merged into a company, adds only the streams it does not have now', () => {
    const { creates, alreadyThere } = streamCreatesOf(pending(), [
      { direction: 'input', resourceId: 'surplus-heat', status: 'active' },
      { direction: 'output', resourceId: 'wood-chips', status: 'historic' },
    ]);
    expect(alreadyThere.map((stream) => stream.resourceId)).toEqual(['surplus-heat']);
    expect(creates.map((create) => create.resourceId)).toEqual(['wood-chips']);
  });
});
