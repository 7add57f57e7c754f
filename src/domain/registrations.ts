import type { z } from 'zod';
import type {
  CompanyCreateSchema,
  CompanyPatchSchema,
  ExchangeCreateSchema,
  ExchangePatchSchema,
  StreamCreateSchema,
  StreamPatchSchema,
} from './api.ts';
import type { CompanyProperties, StreamRecord } from './company.ts';
import type { Exchange } from './exchange.ts';
import { transitionExchange } from './exchange-lifecycle.ts';
import { slugify, uniqueId } from './ids.ts';
import type { Resource } from './resource.ts';

/**
 * Turning what staff send into full records: defaults filled in, ids made from names, status changes
 * checked. Pure, so the rules are tested without a server; the result is validated against the dataset
 * schema before it is stored.
 */

type CompanyCreate = z.output<typeof CompanyCreateSchema>;
type CompanyPatch = z.output<typeof CompanyPatchSchema>;
type StreamCreate = z.output<typeof StreamCreateSchema>;
type StreamPatch = z.output<typeof StreamPatchSchema>;
type ExchangeCreate = z.output<typeof ExchangeCreateSchema>;
type ExchangePatch = z.output<typeof ExchangePatchSchema>;

export interface CompanyDraft {
  properties: Omit<CompanyProperties, 'streams'>;
  location: { lon: number; lat: number };
}

export function companyFromCreate(input: CompanyCreate, isTaken: (id: string) => boolean): CompanyDraft {
  const { location, id, ...fields } = input;
  return {
    properties: { ...fields, id: id ?? uniqueId(slugify(input.name), isTaken) },
    location,
  };
}

export function patchCompany(current: CompanyDraft, patch: CompanyPatch): CompanyDraft {
  const { location, ...fields } = patch;
  return { properties: { ...current.properties, ...fields }, location: location ?? current.location };
}

export function streamFromCreate(
  companyId: string,
  input: StreamCreate,
  resource: Resource,
  isTaken: (id: string) => boolean,
): StreamRecord {
  const { id, quantity, ...fields } = input;
  return {
    ...fields,
    id: id ?? uniqueId(`${companyId}-${input.direction}-${input.resourceId}`, isTaken),
    companyId,
    // Unknown stays unknown: no figure given means an explicit unknown in the resource's own unit.
    quantity: quantity ?? { value: null, unit: resource.canonicalUnit },
  };
}

export function patchStream(current: StreamRecord, patch: StreamPatch): StreamRecord {
  return { ...current, ...patch };
}

export function exchangeFromCreate(
  input: ExchangeCreate,
  resource: Resource,
  isTaken: (id: string) => boolean,
): Exchange {
  const { id, quantity, ...fields } = input;
  return {
    ...fields,
    id: id ?? uniqueId(`${input.from}-${input.resourceId}-to-${input.to}`, isTaken),
    startYear: null,
    endYear: null,
    quantity: quantity ?? { value: null, unit: resource.canonicalUnit },
    impact: [],
  };
}

export function patchExchange(current: Exchange, patch: ExchangePatch, currentYear: number): Exchange {
  const { status, ...fields } = patch;
  const moved = status ? transitionExchange(current, status, currentYear) : current;
  return { ...moved, ...fields };
}
