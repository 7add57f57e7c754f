import { z } from 'zod';
import { IdSchema, MunicipalityCodeSchema } from '../common.ts';

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
