import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type RegistrationAccept,
  RegistrationListSchema,
  RegistrationReceiptSchema,
  RegistrationSchema,
  type RegistrationStatus,
  type RegistrationSubmission,
} from '../../domain/workbench/registration.ts';
import { getJson, sendJson } from './http.ts';
import { queryKeys, useInvalidateAll } from './queries.ts';
import { activeToken, useSession } from './session.ts';

/**
 * The registration form's and the secretariat queue's server state. The queue is staff-only, so its key
 * sits under the staff level: signing out (or previewing as the public) drops it with everything else.
 */
const registrationsKey = (status: RegistrationStatus | null) =>
  [...queryKeys.all('staff'), 'registrations', status ?? 'all'] as const;

/** The public form: the answer is the reference to quote, nothing else. */
export function useSubmitRegistration() {
  return useMutation({
    mutationFn: (submission: RegistrationSubmission) =>
      sendJson('POST', '/api/registrations', RegistrationReceiptSchema, submission),
  });
}

/** The secretariat's queue, newest first (the view orders it pending first). */
export function useRegistrations(status: RegistrationStatus | null, enabled: boolean) {
  const signedIn = useSession((state) => activeToken(state) !== null);
  return useQuery({
    queryKey: registrationsKey(status),
    queryFn: ({ signal }) =>
      getJson(`/api/registrations${status ? `?status=${status}` : ''}`, RegistrationListSchema, signal),
    enabled: enabled && signedIn,
  });
}

function useDecision<V>(path: (variables: V) => string, body: (variables: V) => unknown) {
  const client = useQueryClient();
  // Accepting adds a company and its streams: the map, its candidates and the counts all change.
  const invalidateAll = useInvalidateAll();
  return useMutation({
    mutationFn: (variables: V) => sendJson('POST', path(variables), RegistrationSchema, body(variables)),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: [...queryKeys.all('staff'), 'registrations'] }),
        invalidateAll(),
      ]);
    },
  });
}

const registrationPath = (reference: string) => `/api/registrations/${encodeURIComponent(reference)}`;

export function useAcceptRegistration() {
  return useDecision(
    ({ reference }: { reference: string } & RegistrationAccept) => `${registrationPath(reference)}/accept`,
    ({ into }) => (into ? { into } : {}),
  );
}

export function useDeclineRegistration() {
  return useDecision(
    ({ reference }: { reference: string; reason: string }) => `${registrationPath(reference)}/decline`,
    ({ reason }) => ({ reason }),
  );
}
