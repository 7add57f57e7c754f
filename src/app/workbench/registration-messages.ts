import type { FieldProblem } from '../../domain/workbench/registration.ts';
import { ApiError } from '../api/http.ts';

/** A message of the form, as an i18n key of `registration.errors` and its values. */
export interface FormMessage {
  key: string;
  values?: Record<string, string | number>;
}

const FIELD_KEYS: Record<string, string> = {
  'company.name': 'companyName',
  'company.cvr': 'cvr',
  'company.website': 'website',
  'company.about': 'about',
  'contact.name': 'contactName',
  'contact.email': 'email',
  'contact.phone': 'phone',
  location: 'location',
  streams: 'streams',
  homepage: 'honeypot',
};

const STREAM_KEYS: Record<string, string> = {
  resourceId: 'streamResource',
  direction: 'streamResource',
  'quantity.value': 'streamQuantity',
  quantity: 'streamQuantity',
  'quantity.unit': 'streamUnit',
  note: 'streamNote',
  '': 'streamTwice',
};

/**
 * What the form says about a field the schema (in the browser) or the server refused, in the reader's
 * language: the same paths come from both, so one table covers them. A path it does not know keeps the
 * schema's own words after the field's name.
 */
export function messageFor(problem: FieldProblem): FormMessage {
  const stream = /^streams\.(\d+)\.?(.*)$/.exec(problem.path);
  if (stream) {
    const key = STREAM_KEYS[stream[2] ?? ''];
    const number = Number(stream[1]) + 1;
    if (key) return { key, values: { number } };
  }
  const field = FIELD_KEYS[problem.path] ?? FIELD_KEYS[problem.path.split('.')[0] ?? ''];
  if (field === 'location' || (field && problem.path in FIELD_KEYS)) return { key: field };
  return { key: 'other', values: { field: problem.path, message: problem.message } };
}

/** One message per field: zod may report a missing object and each of its fields. */
export function formMessages(problems: readonly FieldProblem[]): { path: string; message: FormMessage }[] {
  const seen = new Set<string>();
  return problems.flatMap((problem) => {
    const message = messageFor(problem);
    const id = `${message.key}:${JSON.stringify(message.values ?? {})}`;
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ path: problem.path, message }];
  });
}

/** A refusal from the server, as the form shows it: field by field where it named fields. */
export function serverMessages(error: unknown): { path: string; message: FormMessage }[] {
  if (error instanceof ApiError) {
    if (error.status === 429) return [{ path: '', message: { key: 'tooMany' } }];
    if (error.status === 413) return [{ path: '', message: { key: 'tooLarge' } }];
    if (error.details.length > 0) return formMessages(error.details);
  }
  const text = error instanceof Error ? error.message : String(error);
  return [{ path: '', message: { key: 'refused', values: { message: text } } }];
}
