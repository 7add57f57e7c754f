import { describe, expect, it } from 'vitest';
import type { Exchange } from './exchange.ts';
import { canTransition, TransitionError, transitionExchange } from './exchange-lifecycle.ts';

const candidate: Exchange = {
  id: 'refinery-technical-water-to-holbaek-wwtp',
  from: 'kalundborg-refinery',
  to: 'holbaek-wwtp',
  resourceId: 'technical-water',
  status: 'candidate',
  startYear: null,
  endYear: null,
  quantity: { value: null, unit: 'm3/yr' },
  impact: [],
  source: ['test'],
  verification: 'estimate',
  visibility: 'secretariat',
};

describe('the life of an exchange', () => {
  it('goes candidate → proposed → existing → historic, dating its start and end', () => {
    const proposed = transitionExchange(candidate, 'proposed', 2026);
    const existing = transitionExchange(proposed, 'existing', 2026);
    expect(existing).toMatchObject({ status: 'existing', startYear: 2026, endYear: null });
    const historic = transitionExchange(existing, 'historic', 2031);
    expect(historic).toMatchObject({ status: 'historic', startYear: 2026, endYear: 2031 });
  });

  it('keeps a start year that is already known', () => {
    const proposed = { ...candidate, status: 'proposed' as const, startYear: 2024 };
    expect(transitionExchange(proposed, 'existing', 2026).startYear).toBe(2024);
  });

  it('can be rejected on the way and reopened later', () => {
    expect(canTransition('candidate', 'rejected')).toBe(true);
    expect(canTransition('proposed', 'rejected')).toBe(true);
    expect(canTransition('rejected', 'candidate')).toBe(true);
  });

  it('never skips a step or rewrites history, and says where it can go instead', () => {
    expect(() => transitionExchange(candidate, 'existing', 2026)).toThrow(TransitionError);
    expect(() => transitionExchange(candidate, 'historic', 2026)).toThrow(/proposed or rejected/);
    expect(canTransition('historic', 'existing')).toBe(false);
  });
});
