import { describe, expect, it } from 'vitest';
import { arrowHead, routePath } from './diagram-geometry.ts';

describe('drawing a route', () => {
  const route = [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
    { x: 100, y: 50 },
  ];

  it('rounds its corners and stops short of the end by the arrowhead', () => {
    expect(routePath(route, 8, 10)).toBe('M0 0 L92 0 Q100 0 100 8 L100 40');
    expect(routePath(route, 8)).toMatch(/L100 50$/);
  });

  it('never rounds a corner by more than half of a short segment', () => {
    expect(
      routePath(
        [
          { x: 0, y: 0 },
          { x: 6, y: 0 },
          { x: 6, y: 6 },
        ],
        8,
      ),
    ).toBe('M0 0 L3 0 Q6 0 6 3 L6 6');
  });

  it('puts the arrowhead tip on the end point, pointing along the last segment', () => {
    const [tip, left, right] = arrowHead(route, 10).split(' ');
    expect(tip).toBe('100,50');
    expect(left).toBe('94.5,40');
    expect(right).toBe('105.5,40');
  });

  it('draws nothing for a route without two points', () => {
    expect(routePath([{ x: 1, y: 1 }], 8)).toBe('');
    expect(arrowHead([], 10)).toBe('');
  });
});
