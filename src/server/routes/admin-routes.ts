import { randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AuditQuerySchema,
  PartnerTokenCreateSchema,
  PartnerTokenIssuedSchema,
  PartnerTokenSchema,
} from '../../domain/api.ts';
import { AuditEntrySchema } from '../../domain/audit.ts';
import type { AtlasService } from '../atlas-service.ts';
import { actorOf, hashToken, newPartnerToken, requireStaff } from '../auth.ts';
import {
  answer,
  declared,
  declaredRoutes,
  errors,
  idParams,
  jsonBody,
  jsonInput,
  staffOnly,
} from '../contract.ts';
import { companyOf } from './write-routes.ts';

/** The secretariat's own records: what changed and who may act for a company. */
const routes = {
  audit: createRoute({
    method: 'get',
    path: '/audit',
    summary: 'Recent changes (staff), newest first: each update with only the fields it changed',
    description:
      'A full page carries the header `x-next-before`: send it as `before` for the next (older) page.',
    security: staffOnly,
    request: { query: AuditQuerySchema },
    responses: {
      200: {
        ...answer('Audit entries', z.array(AuditEntrySchema)),
        headers: {
          'x-next-before': {
            description: 'On a full page: the `before` of the next, older page',
            schema: { type: 'string' as const },
          },
        },
      },
      ...errors(400, 403),
    },
  }),
  issueToken: createRoute({
    method: 'post',
    path: '/partner-tokens',
    summary: 'Issue a partner token for one company (staff); the secret is in this answer only',
    security: staffOnly,
    request: { body: jsonBody(PartnerTokenCreateSchema) },
    responses: {
      201: answer('Issued', PartnerTokenIssuedSchema),
      ...errors(400, 403, 404, 413, 415),
    },
  }),
  listTokens: createRoute({
    method: 'get',
    path: '/partner-tokens',
    summary: 'Partner tokens issued (staff); never the secrets',
    security: staffOnly,
    responses: { 200: answer('Tokens', z.array(PartnerTokenSchema)), ...errors(403) },
  }),
  revokeToken: createRoute({
    method: 'delete',
    path: '/partner-tokens/{id}',
    summary: 'Revoke a partner token (staff)',
    security: staffOnly,
    request: { params: idParams },
    responses: { 204: { description: 'Revoked' }, ...errors(403, 404) },
  }),
};

export function adminRoutes(service: AtlasService, staffToken: string | undefined) {
  const api = declaredRoutes();
  const store = service.store;
  // On each route rather than on '*': this router shares the /api prefix with the public reads.
  const staff = requireStaff(staffToken);

  api.openapi({ ...routes.audit, middleware: [staff] }, async (c) => {
    const { limit, entity, before } = c.req.valid('query');
    const entries = await store.auditLog({ limit, entityId: entity, before });
    // A full page may have more behind it: the next one starts below its oldest entry.
    const oldest = entries.at(-1);
    if (entries.length === limit && oldest) c.header('x-next-before', String(oldest.id));
    // The store keeps the records as they were written, which the declared schema describes.
    return declared(routes.audit, c.json(entries, 200));
  });

  // Partner tokens: staff issue one per company, see the list (never a secret) and revoke.
  api.openapi({ ...routes.issueToken, middleware: [staff, ...jsonInput('partner token')] }, async (c) => {
    const input = c.req.valid('json');
    companyOf(await service.snapshot(), input.companyId);
    const token = newPartnerToken();
    const issued = await store.createPartnerToken(
      {
        id: `pt-${randomBytes(6).toString('hex')}`,
        companyId: input.companyId,
        label: input.label ?? null,
        tokenHash: hashToken(token),
      },
      actorOf(c),
    );
    c.header('cache-control', 'no-store');
    return c.json({ ...issued, token }, 201);
  });

  api.openapi({ ...routes.listTokens, middleware: [staff] }, async (c) =>
    c.json(await store.listPartnerTokens(), 200),
  );

  api.openapi({ ...routes.revokeToken, middleware: [staff] }, async (c) => {
    await store.deletePartnerToken(c.req.valid('param').id, actorOf(c));
    return c.body(null, 204);
  });

  return api;
}
