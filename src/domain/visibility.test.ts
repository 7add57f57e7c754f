import { describe, expect, it } from 'vitest';
import { ALL_VISIBLE, canSee, isMoreOpen, visibilityOfRank, visibilityRank } from './visibility.ts';

describe('who sees a record', () => {
  it('ranks public below partners below the secretariat, and a record with no visibility as public', () => {
    expect(visibilityRank('public')).toBe(0);
    expect(visibilityRank(undefined)).toBe(0);
    expect(visibilityRank('partners')).toBe(1);
    expect(visibilityRank('secretariat')).toBe(ALL_VISIBLE);
    for (const level of ['public', 'partners', 'secretariat'] as const) {
      expect(visibilityOfRank(visibilityRank(level))).toBe(level);
    }
  });

  it('lets a caller see its own level and every more open one, never a more closed one', () => {
    expect(canSee('partners', 'public')).toBe(true);
    expect(canSee('partners', 'partners')).toBe(true);
    expect(canSee('partners', 'secretariat')).toBe(false);
    expect(canSee('secretariat', 'secretariat')).toBe(true);
    expect(canSee('public', 'partners')).toBe(false);
  });

  it('calls a level more open only when strictly more people see it', () => {
    expect(isMoreOpen('public', 'partners')).toBe(true);
    expect(isMoreOpen('partners', 'partners')).toBe(false);
    expect(isMoreOpen('secretariat', 'public')).toBe(false);
  });
});
