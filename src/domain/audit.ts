/**
 * The audit log as the API answers it (GET /api/audit, staff only). Its own module so that the client, which
 * never reads the log, does not carry its schema.
 */
import { z } from 'zod';
import { LocationInputSchema, PartnerTokenSchema } from './api.ts';
import { CompanyPropertiesSchema, StreamRecordSchema } from './company.ts';
import { ExchangeSchema } from './exchange.ts';
import { PipelineItemSchema } from './workbench/pipeline.ts';
import { RegistrationSchema } from './workbench/registration.ts';
import { ScenarioSchema } from './workbench/scenario.ts';

/** A company as the audit log keeps it: its own fields and its location, never its streams. */
const AuditedCompanySchema = CompanyPropertiesSchema.omit({ streams: true }).extend({
  location: LocationInputSchema,
});

/** A record of one kind in the audit log: whole for a create or delete, only the changed fields for an update. */
function auditEntryOf<E extends string, R extends z.ZodObject>(entity: E, record: R) {
  const fields = record.partial().nullable();
  return z.strictObject({
    id: z.int().positive(),
    at: z.string().meta({ description: 'When, ISO 8601' }),
    actor: z.string().meta({ description: '`staff`, or `partner:<company id>`' }),
    action: z.enum(['create', 'update', 'delete']),
    entity: z.literal(entity),
    entityId: z.string(),
    before: fields,
    after: fields,
  });
}

/** One change, newest first in GET /api/audit. */
export const AuditEntrySchema = z
  .discriminatedUnion('entity', [
    auditEntryOf('company', AuditedCompanySchema),
    auditEntryOf('stream', StreamRecordSchema),
    auditEntryOf('exchange', ExchangeSchema),
    auditEntryOf('partner-token', PartnerTokenSchema),
    auditEntryOf('pipeline', PipelineItemSchema),
    auditEntryOf('registration', RegistrationSchema),
    auditEntryOf('scenario', ScenarioSchema),
  ])
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
