import { booleanClockwise } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { signedRingArea } from '../../domain/geojson.ts';
import {
  assembleFaces,
  type BBox,
  chaikinSmoothRing,
  type Face,
  finishFace,
  interiorPoint,
  isOnBoxEdge,
  joinSegments,
  orientRing,
  type Position,
  parseGmtSegments,
  partitionBox,
  perimeterPosition,
  pointInFace,
  pointInRing,
  type Ring,
  roundRing,
  type ShoreSegment,
  shorelineLines,
} from './coastline-geometry.ts';

const box: BBox = [0, 0, 10, 10];

const island: Ring = [
  [2, 2],
  [3, 2],
  [3, 3],
  [2, 3],
  [2, 2],
];
const lake: Ring = [
  [6, 7],
  [6, 8],
  [7, 8],
  [7, 7],
  [6, 7],
];

/** A square island, a lake, and a coastline crossing the box in two pieces listed out of order. */
const syntheticSegments: ShoreSegment[] = [
  {
    level: 1,
    coordinates: [
      [5, 6],
      [10, 5],
    ],
  },
  { level: 1, coordinates: island },
  {
    level: 1,
    coordinates: [
      [0, 5],
      [5, 6],
    ],
  },
  { level: 2, coordinates: lake },
];

function faceArea(face: Face): number {
  return signedRingArea(face.outer) + face.holes.reduce((sum, hole) => sum + signedRingArea(hole), 0);
}

function faceContaining(faces: Face[], point: Position): Face | undefined {
  return faces.find((face) => pointInFace(point, face));
}

describe('parseGmtSegments', () => {
  it('reads segments, levels and coordinates and skips empty segments', () => {
    const text = [
      '> Shore Bin # 11890, Level 1',
      '> Shore Bin # 11890, Level 1',
      '12\t56.0288853285',
      '11.9982452125\t56.0287479973',
      '> Shore Bin # 11892, Level 2',
      '12.0629587243 56',
      '12.0641641871 56.0005493248',
      '> Shore Bin # 11892, Level 1',
      '',
    ].join('\n');
    expect(parseGmtSegments(text)).toEqual([
      {
        level: 1,
        coordinates: [
          [12, 56.0288853285],
          [11.9982452125, 56.0287479973],
        ],
      },
      {
        level: 2,
        coordinates: [
          [12.0629587243, 56],
          [12.0641641871, 56.0005493248],
        ],
      },
    ]);
  });

  it('rejects lines that are not coordinates', () => {
    expect(() => parseGmtSegments('> Level 1\n11.0 55.0\ncoast: error\n')).toThrow(/line 3/);
  });
});

describe('joinSegments', () => {
  it('chains pieces end to start and keeps closed rings apart', () => {
    const { rings, chains } = joinSegments(syntheticSegments, box);
    expect(rings).toHaveLength(2);
    expect(chains).toEqual([
      [
        [0, 5],
        [5, 6],
        [10, 5],
      ],
    ]);
  });

  it('cuts out stretches where a clipped shoreline follows the box edge', () => {
    // Like GMT's Funen coast at lon 10.6: out of the box at lat 5, back in at lat 6.
    const clipped: ShoreSegment = {
      level: 1,
      coordinates: [
        [0, 3],
        [2, 4],
        [0, 5],
        [0, 6],
        [3, 7],
        [0, 8],
      ],
    };
    expect(joinSegments([clipped], box).chains).toEqual([
      [
        [0, 3],
        [2, 4],
        [0, 5],
      ],
      [
        [0, 6],
        [3, 7],
        [0, 8],
      ],
    ]);
    const areas = assembleFaces([clipped], box)
      .map(faceArea)
      .sort((a, b) => a - b);
    expect(areas).toEqual([2, 3, 95]);
  });

  it('opens a closed ring that runs along the box edge', () => {
    const clippedIsland: ShoreSegment = {
      level: 1,
      coordinates: [
        [4, 0],
        [5, 2],
        [6, 0],
        [4, 0],
      ],
    };
    const { rings, chains } = joinSegments([clippedIsland], box);
    expect(rings).toEqual([]);
    expect(chains).toEqual([
      [
        [4, 0],
        [5, 2],
        [6, 0],
      ],
    ]);
  });

  it('refuses a piece that stops inside the box', () => {
    const dangling: ShoreSegment = {
      level: 1,
      coordinates: [
        [0, 5],
        [5, 5],
      ],
    };
    expect(() => joinSegments([dangling], box)).toThrow(/ends inside the box at 5 5/);
  });
});

describe('partitionBox', () => {
  it('orders the box edge counter-clockwise from the south-west corner', () => {
    expect(perimeterPosition([0, 0], box)).toBe(0);
    expect(perimeterPosition([5, 0], box)).toBe(0.5);
    expect(perimeterPosition([10, 0], box)).toBe(1);
    expect(perimeterPosition([10, 5], box)).toBe(1.5);
    expect(perimeterPosition([5, 10], box)).toBe(2.5);
    expect(perimeterPosition([0, 5], box)).toBe(3.5);
  });

  it('splits the box along a crossing coastline into two counter-clockwise regions', () => {
    const regions = partitionBox(
      [
        [
          [0, 5],
          [5, 6],
          [10, 5],
        ],
      ],
      box,
    );
    expect(regions).toHaveLength(2);
    for (const region of regions) expect(signedRingArea(region)).toBeGreaterThan(0);
    expect(regions.map(signedRingArea).reduce((a, b) => a + b)).toBeCloseTo(100);
    expect(regions.some((region) => region.some((p) => p[0] === 10 && p[1] === 10))).toBe(true);
  });

  it('cuts out a peninsula whose coastline starts and ends on the same box edge', () => {
    const peninsula: Position[] = [
      [4, 0],
      [5, 3],
      [6, 0],
    ];
    const areas = partitionBox([peninsula], box)
      .map(signedRingArea)
      .sort((a, b) => a - b);
    expect(areas).toEqual([3, 97]);
  });

  it('returns the whole box when no coastline crosses it', () => {
    expect(partitionBox([], box)).toEqual([
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
    ]);
  });
});

describe('assembleFaces', () => {
  const faces = assembleFaces(syntheticSegments, box);

  it('builds one face per region and per closed ring', () => {
    expect(faces).toHaveLength(4);
    expect(faces.map(faceArea).reduce((a, b) => a + b)).toBeCloseTo(100);
  });

  it('nests the island in the region below the coastline and the lake in the one above', () => {
    const south = faceContaining(faces, [5, 1]);
    const north = faceContaining(faces, [5, 9]);
    expect(south?.holes).toHaveLength(1);
    expect(north?.holes).toHaveLength(1);
    expect(pointInRing([2.5, 2.5], south?.holes[0] ?? [])).toBe(true);
    expect(pointInRing([6.5, 7.5], north?.holes[0] ?? [])).toBe(true);
    expect(faceContaining(faces, [2.5, 2.5])?.holes).toEqual([]);
    expect(faceContaining(faces, [6.5, 7.5])?.holes).toEqual([]);
  });

  it('follows RFC 7946: exterior rings counter-clockwise, holes clockwise', () => {
    for (const face of faces) {
      expect(booleanClockwise(face.outer)).toBe(false);
      for (const hole of face.holes) expect(booleanClockwise(hole)).toBe(true);
    }
  });

  it('gives every face an interior point that lies in that face only', () => {
    for (const face of faces) {
      const point = interiorPoint(face);
      expect(faces.filter((other) => pointInFace(point, other))).toEqual([face]);
    }
  });
});

describe('interiorPoint', () => {
  it('keeps clear of the edges of a U-shaped face', () => {
    const u: Ring = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    const point = interiorPoint({ outer: u, holes: [] });
    expect(pointInRing(point, u)).toBe(true);
    expect(
      pointInRing(point, [
        [1, 1],
        [2, 1],
        [2, 3],
        [1, 3],
        [1, 1],
      ] satisfies Ring),
    ).toBe(false);
  });
});

describe('chaikinSmoothRing', () => {
  const region: Ring = [
    [0, 5],
    [4, 6],
    [5, 8],
    [6, 6],
    [10, 5],
    [10, 10],
    [0, 10],
    [0, 5],
  ];

  it('keeps the ring closed and inside the box', () => {
    const smoothed = chaikinSmoothRing(region, 2, box);
    expect(smoothed[0]).toEqual(smoothed[smoothed.length - 1]);
    expect(smoothed.length).toBeGreaterThan(region.length);
    for (const [x, y] of smoothed) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(10);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(10);
    }
  });

  it('leaves vertices on the box edge where they were and the box edge straight', () => {
    const smoothed = chaikinSmoothRing(region, 2, box);
    for (const corner of region.filter((p) => isOnBoxEdge(p, box))) expect(smoothed).toContainEqual(corner);
    expect(smoothed.slice(0, -1).filter((p) => isOnBoxEdge(p, box))).toHaveLength(4);
  });

  it('cuts corners of a free ring and keeps its winding', () => {
    const smoothed = chaikinSmoothRing(island, 1, box);
    expect(smoothed).toHaveLength(9);
    expect(smoothed).not.toContainEqual([2, 2]);
    expect(Math.sign(signedRingArea(smoothed))).toBe(Math.sign(signedRingArea(island)));
  });
});

describe('rounding and winding', () => {
  it('rounds to 5 decimals and drops the repeats rounding creates', () => {
    const ring: Ring = [
      [11.123456, 55.123456],
      [11.123457, 55.123459],
      [11.2, 55.1],
      [11.2, 55.2],
      [11.123456, 55.123456],
    ];
    expect(roundRing(ring)).toEqual([
      [11.12346, 55.12346],
      [11.2, 55.1],
      [11.2, 55.2],
      [11.12346, 55.12346],
    ]);
  });

  it('drops a ring that rounding collapses', () => {
    const tiny: Ring = [
      [11.000001, 55.000001],
      [11.000002, 55.000001],
      [11.000002, 55.000002],
      [11.000001, 55.000001],
    ];
    expect(roundRing(tiny)).toBeNull();
  });

  it('turns exteriors counter-clockwise and holes clockwise', () => {
    const clockwiseSquare = orientRing(island, false);
    expect(booleanClockwise(clockwiseSquare)).toBe(true);
    expect(booleanClockwise(orientRing(clockwiseSquare, true))).toBe(false);
    const face = finishFace({ outer: clockwiseSquare, holes: [orientRing(lake, true)] });
    expect(face && booleanClockwise(face.outer)).toBe(false);
    expect(face && booleanClockwise(face.holes[0] ?? [])).toBe(true);
  });
});

describe('shorelineLines', () => {
  it('keeps a ring that never touches the box as one closed line', () => {
    const lines = shorelineLines([{ outer: island, holes: [] }], box);
    expect(lines).toEqual([island]);
  });

  it('drops the stretches that run along the box edge, where land was only clipped', () => {
    // Land filling the west half of the box: its east side is coast, the rest is box edge.
    const westHalf: Ring = [
      [0, 0],
      [5, 0],
      [5, 5],
      [5, 10],
      [0, 10],
      [0, 0],
    ];
    expect(shorelineLines([{ outer: westHalf, holes: [] }], box)).toEqual([
      [
        [5, 0],
        [5, 5],
        [5, 10],
      ],
    ]);
  });
});
