import type { Exchange, ExchangeStatus } from './exchange.ts';

/**
 * How an exchange moves: a candidate is proposed and becomes existing when it flows, or is rejected on the
 * way; an existing exchange ends as historic. A rejected idea can be reopened as a candidate. History is
 * never rewritten: historic is final.
 */
export const allowedTransitions: Record<ExchangeStatus, readonly ExchangeStatus[]> = {
  candidate: ['proposed', 'rejected'],
  proposed: ['existing', 'rejected', 'candidate'],
  existing: ['historic'],
  rejected: ['candidate'],
  historic: [],
};

export class TransitionError extends Error {
  override readonly name = 'TransitionError';
}

export function canTransition(from: ExchangeStatus, to: ExchangeStatus): boolean {
  return from === to || allowedTransitions[from].includes(to);
}

/**
 * The exchange after a status change. Starting to flow sets the start year and ending sets the end year,
 * to `currentYear` unless they are already known.
 */
export function transitionExchange(exchange: Exchange, to: ExchangeStatus, currentYear: number): Exchange {
  if (!canTransition(exchange.status, to)) {
    const allowed = allowedTransitions[exchange.status];
    throw new TransitionError(
      `an exchange cannot go from ${exchange.status} to ${to}` +
        (allowed.length > 0 ? `; from ${exchange.status} it can go to ${allowed.join(' or ')}` : ''),
    );
  }
  if (to === 'existing') return { ...exchange, status: to, startYear: exchange.startYear ?? currentYear };
  if (to === 'historic') return { ...exchange, status: to, endYear: exchange.endYear ?? currentYear };
  return { ...exchange, status: to };
}
