import { z } from 'zod';
import type { CompanyCreate, StreamCreate } from '../api.ts';
import {
  IdSchema,
  LIMITS,
  MunicipalityCodeSchema,
  textSchema,
  UnitSchema,
  VisibilitySchema,
} from '../common.ts';
import { CompanyPropertiesSchema, isCurrentStream, type Stream, StreamDirectionSchema } from '../company.ts';
import { LatitudeSchema, LongitudeSchema } from '../geojson.ts';
import { convertAnnualValue } from '../impact-factors.ts';
import type { Resource } from '../resource.ts';

/**
 * A company's own registration of its side-streams, sent through the public form. It is stored pending and
 * seen only by the secretariat, who accept it (creating a company or merging into one), or decline it with
 * a reason. Nothing of it is published by itself.
 *
 * The submission's own fields (company, contact, location, streams, what may be shown) are declared by
 * RegistrationSubmissionSchema beside this contract; what the rest of the workbench reads (the report, the
 * queue) is here.
 */
export const REGISTRATION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export const RegistrationStatusSchema = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;

/** What the report and the queue read of every registration, whatever its submission holds. */
export const RegistrationFactsSchema = z.strictObject({
  /** The number the submitter is given, e.g. `SA-7K3F-Q9M2`: also the record's id. Unguessable. */
  reference: z.string().regex(/^SA-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
  status: RegistrationStatusSchema,
  /** ISO 8601, set by the server. */
  submittedAt: z.string(),
  /** The municipality the picked location lies in (the three of the secretariat, or another code), or null outside them. */
  municipality: MunicipalityCodeSchema.nullable(),
  /** ISO 8601 of the accept or decline; null while pending. */
  decidedAt: z.string().nullable(),
  /** The company it created or was merged into, once accepted. */
  companyId: IdSchema.nullable(),
});
export type RegistrationFacts = z.infer<typeof RegistrationFactsSchema>;

// ------------------------------------------------------------------------------------------- the submission

/** Denmark, Bornholm included (west, south, east, north): a registration is for a site in the country. */
export const DENMARK_BOUNDS: readonly [number, number, number, number] = [8.0, 54.5, 15.3, 57.8];

export function inDenmark({ lon, lat }: { lon: number; lat: number }): boolean {
  const [west, south, east, north] = DENMARK_BOUNDS;
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

/** The site, as the company picked it on the map. */
export const RegistrationLocationSchema = z
  .strictObject({ lon: LongitudeSchema, lat: LatitudeSchema })
  // Only for coordinates that are coordinates: latitude 91 is out of range, not out of Denmark.
  .refine(inDenmark, {
    error: 'pick a place in Denmark on the map',
    when: (payload) => payload.issues.length === 0,
  });

const requiredText = (max: number, error: string) => textSchema(max).trim().min(1, { error });

export const RegisteredCompanySchema = z.strictObject({
  name: requiredText(LIMITS.shortText, 'the company’s name is required'),
  /** The Danish business register's number (Det Centrale Virksomhedsregister): eight digits. */
  cvr: z
    .string()
    .regex(/^\d{8}$/, { error: 'a CVR number is eight digits' })
    .optional(),
  website: CompanyPropertiesSchema.shape.website,
  /** What the company does, in its own words (either language). */
  about: textSchema(1000).trim().optional(),
});

export const RegistrationContactSchema = z.strictObject({
  name: requiredText(LIMITS.shortText, 'the contact person’s name is required'),
  email: z.email({ error: 'an e-mail address such as name@company.dk' }).max(254),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, { error: 'a phone number of digits, spaces and +' })
    .optional(),
});

/** A figure the company gives: a yearly amount in a unit of the resource (see unitsFor). */
export const RegisteredQuantitySchema = z.strictObject({
  value: z
    .number({ error: 'a quantity is a number' })
    .nonnegative({ error: 'a quantity cannot be negative' })
    .max(LIMITS.quantityValue, { error: `a quantity is at most ${LIMITS.quantityValue}` }),
  unit: UnitSchema,
});
export type RegisteredQuantity = z.infer<typeof RegisteredQuantitySchema>;

/** An output the company has or an input it needs, from the resource taxonomy (GET /api/resources). */
export const RegisteredStreamSchema = z.strictObject({
  direction: StreamDirectionSchema,
  resourceId: IdSchema,
  /** Left out: not known (or not told). */
  quantity: RegisteredQuantitySchema.optional(),
  /** Anything the secretariat should know (seasons, quality); never published. */
  note: textSchema(500).trim().optional(),
});
export type RegisteredStream = z.infer<typeof RegisteredStreamSchema>;

/**
 * What the company agrees may be shown: its name, site and streams to this level (the public, the symbiosis
 * partners, or the secretariat only), and whether its exact figures may be shown there too (otherwise only
 * the secretariat sees them; others see a range).
 */
export const RegistrationConsentSchema = z.strictObject({
  shownTo: VisibilitySchema,
  exactQuantities: z.boolean(),
});
export type RegistrationConsent = z.infer<typeof RegistrationConsentSchema>;

const submissionFields = {
  company: RegisteredCompanySchema,
  contact: RegistrationContactSchema,
  location: RegistrationLocationSchema,
  streams: z
    .array(RegisteredStreamSchema)
    .min(1, { error: 'name at least one side-stream the company has or needs' })
    .max(LIMITS.listItems, { error: `at most ${LIMITS.listItems} side-streams in one registration` }),
  consent: RegistrationConsentSchema,
};

/** A registration as the secretariat keeps it: the submission without the honeypot, as staff edited it. */
export const RegistrationDetailsSchema = z.strictObject(submissionFields);
export type RegistrationDetails = z.infer<typeof RegistrationDetailsSchema>;

/**
 * The public form's body. `homepage` is a honeypot: the form hides it from people (and from their browser's
 * autofill), so whatever fills it in is a robot, and the registration is refused.
 */
export const RegistrationSubmissionSchema = z
  .strictObject({
    ...submissionFields,
    homepage: z
      .string()
      .max(0, { error: 'leave this field empty' })
      .optional()
      .meta({ description: 'Leave out or empty: a field people never see' }),
  })
  .meta({ id: 'RegistrationSubmission' });
export type RegistrationSubmission = z.input<typeof RegistrationSubmissionSchema>;

/** All the submitter is told: the number to quote, and that it waits for the secretariat. */
export const RegistrationReceiptSchema = z
  .strictObject({ reference: RegistrationFactsSchema.shape.reference, status: RegistrationStatusSchema })
  .meta({ id: 'RegistrationReceipt' });
export type RegistrationReceipt = z.infer<typeof RegistrationReceiptSchema>;

// ------------------------------------------------------------------------------------------- the stored record

export const RegistrationEditSchema = z.strictObject({
  /** ISO 8601, set by the server. */
  at: z.string(),
  actor: z.string(),
  /** The parts of the submission replaced (company, contact, location, streams, consent). */
  fields: z.array(z.string()).max(10),
});

/** A registration as stored and as staff read it (GET /api/registrations). Secretariat-only, all of it. */
export const RegistrationSchema = z
  .strictObject({
    ...RegistrationFactsSchema.shape,
    submission: RegistrationDetailsSchema,
    /** Why staff declined it; null unless declined. */
    declineReason: textSchema().nullable(),
    /** Staff changes to the submission while it was pending, oldest first. */
    edits: z.array(RegistrationEditSchema).max(100),
    /** The streams accepting it added to its company. */
    streamIds: z.array(IdSchema).max(LIMITS.listItems),
  })
  .meta({ id: 'Registration' });
export type Registration = z.infer<typeof RegistrationSchema>;

export const RegistrationListSchema = z.array(RegistrationSchema);

export const RegistrationsQuerySchema = z.strictObject({ status: RegistrationStatusSchema.optional() });

/** Staff correct a pending registration: each part named replaces the one submitted. */
export const RegistrationPatchSchema = z
  .strictObject(submissionFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'the patch changes nothing' })
  .meta({ id: 'RegistrationPatch' });
export type RegistrationPatch = z.infer<typeof RegistrationPatchSchema>;

/** Accepting: a new company, or `into` an existing one (its streams are added to it). */
export const RegistrationAcceptSchema = z
  .strictObject({ into: IdSchema.optional() })
  .meta({ id: 'RegistrationAccept' });
export type RegistrationAccept = z.infer<typeof RegistrationAcceptSchema>;

export const RegistrationDeclineSchema = z
  .strictObject({ reason: requiredText(LIMITS.longText, 'say why it is declined') })
  .meta({ id: 'RegistrationDecline' });
export type RegistrationDecline = z.infer<typeof RegistrationDeclineSchema>;

// ------------------------------------------------------------------------------------------- references

/** Crockford's base 32: digits and capitals without I, L, O and U, which are misread and misheard. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference from 8 random bytes: 40 bits, one character per byte (32 divides 256, so none is likelier). */
export function referenceFrom(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new Error('a reference needs 8 random bytes');
  const chars = [...bytes.slice(0, 8)].map((byte) => REFERENCE_ALPHABET[byte % 32]).join('');
  return `SA-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * A new unguessable reference, from the platform's cryptographic random source. Knowing one reference says
 * nothing about any other, and no answer to the public ever confirms whether a reference exists.
 */
export function newReference(
  randomBytes: (count: number) => Uint8Array = (count) => crypto.getRandomValues(new Uint8Array(count)),
): string {
  return referenceFrom(randomBytes(8));
}

// ------------------------------------------------------------------------------------------- rules

/** Units a company may give a figure of this resource in: those that convert exactly to its own unit. */
const ANNUAL_UNITS = ['MWh/yr', 'GJ/yr', 'GWh/yr', 'TJ/yr', 't/yr', 'kt/yr', 'm3/yr'] as const;

export function unitsFor(resource: Pick<Resource, 'canonicalUnit'>): string[] {
  const units = ANNUAL_UNITS.filter((unit) => convertAnnualValue(1, unit, resource.canonicalUnit) !== null);
  return [resource.canonicalUnit, ...units.filter((unit) => unit !== resource.canonicalUnit)];
}

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * What the schema cannot know: each stream's resource must be in the taxonomy, its figure in a unit of that
 * resource, and no stream named twice. The server refuses a registration with any of these (400, each
 * named); the form shows them before sending.
 */
export function registrationProblems(
  details: Pick<RegistrationDetails, 'streams'>,
  resources: readonly Resource[],
): FieldProblem[] {
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  const seen = new Set<string>();
  return details.streams.flatMap((stream, index): FieldProblem[] => {
    const path = `streams.${index}`;
    const resource = byId.get(stream.resourceId);
    if (!resource) {
      return [{ path: `${path}.resourceId`, message: `no resource "${stream.resourceId}" in the taxonomy` }];
    }
    const key = `${stream.direction}:${stream.resourceId}`;
    if (seen.has(key)) return [{ path, message: 'this side-stream is listed twice' }];
    seen.add(key);
    if (stream.quantity && !unitsFor(resource).includes(stream.quantity.unit)) {
      return [
        {
          path: `${path}.quantity.unit`,
          message: `"${stream.quantity.unit}" is not a unit of this resource (use ${unitsFor(resource).join(', ')})`,
        },
      ];
    }
    return [];
  });
}

/** Where a company's data comes from when it registered itself: the form and the year, never the reference. */
export function registrationSource(registration: Pick<Registration, 'submittedAt'>): string {
  return `Reported by the company through the Symbiosis Atlas registration form, ${registration.submittedAt.slice(0, 4)}`;
}

const registeredDescription = {
  da: 'Har selv registreret sine sidestrømme i Symbiose-atlasset.',
  en: 'Registered its own side-streams in the Symbiosis Atlas.',
};

/**
 * The company an accepted registration creates: a registered potential, shown as the company agreed, its
 * site as picked on the map. The contact person and the CVR number stay in the registration, with the
 * secretariat.
 */
export function companyCreateOf(registration: Registration): CompanyCreate {
  const { company, location, consent } = registration.submission;
  const about = company.about && company.about.length > 0 ? company.about : null;
  return {
    name: company.name,
    location: { lon: location.lon, lat: location.lat },
    municipality: registration.municipality,
    role: 'registered-potential',
    description: about ? { da: about, en: about } : registeredDescription,
    // A click on a map is as good as the zoom it was made at: never claimed to the metre.
    locationAccuracy: 'approx-500m',
    locationSource: 'Picked on the map by the company when it registered',
    ...(company.website ? { website: company.website } : {}),
    source: [registrationSource(registration)],
    visibility: consent.shownTo,
  };
}

export interface StreamsToAdd {
  creates: StreamCreate[];
  /** Registered streams the company already has (same direction and resource, current): not added twice. */
  alreadyThere: RegisteredStream[];
}

/**
 * The streams an accepted registration adds to its company (new or merged into): the company's word,
 * `reported`, shown as it agreed, its figures dated to the year it registered.
 */
export function streamCreatesOf(
  registration: Registration,
  existing: readonly Pick<Stream, 'direction' | 'resourceId' | 'status'>[] = [],
): StreamsToAdd {
  const { streams, consent } = registration.submission;
  const year = Number(registration.submittedAt.slice(0, 4));
  const has = (stream: RegisteredStream) =>
    existing.some(
      (current) =>
        isCurrentStream(current) &&
        current.direction === stream.direction &&
        current.resourceId === stream.resourceId,
    );
  const result: StreamsToAdd = { creates: [], alreadyThere: [] };
  for (const stream of streams) {
    if (has(stream)) {
      result.alreadyThere.push(stream);
      continue;
    }
    result.creates.push({
      direction: stream.direction,
      resourceId: stream.resourceId,
      status: 'active',
      ...(stream.quantity
        ? { quantity: { value: stream.quantity.value, unit: stream.quantity.unit, referenceYear: year } }
        : {}),
      source: [registrationSource(registration)],
      verification: 'reported',
      visibility: consent.shownTo,
      // Without consent to exact figures, the others see a range.
      ...(consent.exactQuantities || consent.shownTo === 'secretariat'
        ? {}
        : { quantityVisibility: 'secretariat' as const }),
    });
  }
  return result;
}

/** A new pending registration from a submission, as the server stores it. */
export function pendingRegistration(
  submission: z.output<typeof RegistrationSubmissionSchema>,
  facts: { reference: string; submittedAt: string; municipality: string | null },
): Registration {
  const { homepage: _honeypot, ...details } = submission;
  return {
    ...facts,
    status: 'pending',
    decidedAt: null,
    companyId: null,
    submission: details,
    declineReason: null,
    edits: [],
    streamIds: [],
  };
}

/** Why a registration cannot be decided (accepted, declined, edited) again; null when it is still pending. */
export function decidedProblem(
  registration: Registration,
  action: 'accept' | 'decline' | 'edit',
): string | null {
  if (registration.status === 'pending') return null;
  return `Registration ${registration.reference} was ${registration.status} on ${registration.decidedAt?.slice(0, 10) ?? '?'}; it cannot be ${{ accept: 'accepted', decline: 'declined', edit: 'edited' }[action]} now`;
}

export function editedRegistration(
  registration: Registration,
  patch: RegistrationPatch,
  edit: { at: string; actor: string },
): Registration {
  return {
    ...registration,
    submission: { ...registration.submission, ...patch },
    edits: [...registration.edits, { ...edit, fields: Object.keys(patch) }].slice(-100),
  };
}

export function acceptedRegistration(
  registration: Registration,
  decision: { at: string; companyId: string; streamIds: string[] },
): Registration {
  return {
    ...registration,
    status: 'accepted',
    decidedAt: decision.at,
    companyId: decision.companyId,
    streamIds: decision.streamIds,
  };
}

export function declinedRegistration(
  registration: Registration,
  decision: { at: string; reason: string },
): Registration {
  return { ...registration, status: 'declined', decidedAt: decision.at, declineReason: decision.reason };
}

/** The queue's order: pending first, then newest first within each status. */
export function queueOrder(a: RegistrationFacts, b: RegistrationFacts): number {
  const pending = Number(b.status === 'pending') - Number(a.status === 'pending');
  if (pending !== 0) return pending;
  return a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0;
}
