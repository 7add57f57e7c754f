/**
 * The answer of GET /api/companies/{id}. A module of its own, apart from the other answers in api.ts,
 * because it brings the matching engine's candidate schema with it, which the client loads only when a
 * company is opened.
 */
import { z } from 'zod';
import { CompanyFeatureSchema } from './company.ts';
import { ExchangeListSchema } from './exchange.ts';
import { CandidateExchangeListSchema } from './matching/types.ts';

/** GET /api/companies/{id}: the company in full, the exchanges it takes part in and its best candidates. */
export const CompanyDetailSchema = z
  .strictObject({
    company: CompanyFeatureSchema,
    exchanges: ExchangeListSchema,
    candidates: CandidateExchangeListSchema,
  })
  .meta({ id: 'CompanyDetail' });
export type CompanyDetail = z.infer<typeof CompanyDetailSchema>;
