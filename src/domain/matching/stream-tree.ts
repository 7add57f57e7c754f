// A spatial index over the streams of one resource, direction and quantity class, and a nearest-first search
// over it that hands out one node's points at a time (nearest first) and can be abandoned at any moment.
//
// Why not geokdbush's around(): it is a nearest-first search too, but it returns its whole list at the end,
// so it cannot stop on a bound that only becomes known (and keeps rising) as candidates are found; and it
// allocates objects per step. Here kdbush still sorts the points into its kd-tree; the nodes' boxes and the
// search's queue are typed arrays, and the search orders by the squared chord between unit vectors (see
// distance.ts), so moving through the tree needs no trigonometry at all.
//
// Memory layout: a search visits streams in no useful memory order, and on a busy machine waiting for memory
// costs more than the arithmetic. So what the search reads of every point of a node it takes (its unit
// vector) sits in a compact row of `vectors`, what it reads of a point it then looks at in one row of
// `points`, and what it reads of a node in one row of `boxes` and one of `nodes`.
import KDBush from 'kdbush';
import type { PreparedStream } from './prepare.ts';

/** Points per leaf: a taken leaf's points all get their (cheap) key; only those within the bar are measured. */
const NODE_SIZE = 16;

/** A row of `vectors`: the unit vector, for the search's ordering key. */
const VECTOR = { stride: 3, x: 0, y: 1, z: 2 } as const;
/**
 * A row of `points`, one cache line: the location (for turf's exact distance), the canonical value, the
 * stream's index in Prepared.streams, its company's index, who may see it, whether its value is known (1).
 */
export const POINT = {
  stride: 8,
  lon: 0,
  lat: 1,
  cosLat: 2,
  value: 3,
  stream: 4,
  site: 5,
  visibility: 6,
  valued: 7,
} as const;
/** A row of `boxes`: the 3-D box around a node's points, [min, max] on x, y and z. */
const BOX = 6;
/** A row of `nodes`: first and last position, middle point (-1 in a leaf), left and right child (-1: none). */
const NODE = { stride: 5, first: 0, last: 1, middle: 2, left: 3, right: 4 } as const;

export interface UnitVectors {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

export class StreamTree {
  readonly size: number;
  readonly vectors: Float64Array;
  readonly points: Float64Array;
  readonly boxes: Float64Array;
  readonly nodes: Int32Array;

  /** `sites` holds the unit vector of every company, by Site.index. */
  constructor(streams: readonly PreparedStream[], sites: UnitVectors) {
    const count = streams.length;
    this.size = count;
    const kd = new KDBush(Math.max(1, count), NODE_SIZE);
    for (const stream of streams) kd.add(stream.site.lon, stream.site.lat);
    if (count > 0) kd.finish();
    this.vectors = new Float64Array(count * VECTOR.stride);
    this.points = new Float64Array(count * POINT.stride);
    for (let position = 0; position < count; position++) {
      const stream = streams[kd.ids[position] ?? 0];
      if (!stream) continue;
      const site = stream.site;
      const vector = position * VECTOR.stride;
      this.vectors[vector + VECTOR.x] = sites.x[site.index] ?? 0;
      this.vectors[vector + VECTOR.y] = sites.y[site.index] ?? 0;
      this.vectors[vector + VECTOR.z] = sites.z[site.index] ?? 0;
      const row = position * POINT.stride;
      this.points[row + POINT.lon] = site.lon;
      this.points[row + POINT.lat] = site.lat;
      this.points[row + POINT.cosLat] = site.cosLat;
      this.points[row + POINT.value] = stream.canonicalValue;
      this.points[row + POINT.stream] = stream.index;
      this.points[row + POINT.site] = site.index;
      this.points[row + POINT.visibility] = stream.visibility;
      this.points[row + POINT.valued] = stream.hasValue ? 1 : 0;
    }
    const nodes: number[] = [];
    const boxes: number[] = [];
    const build = (first: number, last: number): number => {
      const node = nodes.length / NODE.stride;
      const leaf = last - first <= NODE_SIZE;
      // kdbush's own split: the middle point stays in the node, the halves before and after are children.
      const middle = leaf ? -1 : (first + last) >> 1;
      nodes.push(first, last, middle, -1, -1);
      boxes.push(Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity);
      if (leaf) {
        for (let position = first; position <= last; position++) this.extend(boxes, node, position);
        return node;
      }
      this.extend(boxes, node, middle);
      const halves = [
        [NODE.left, first, middle - 1],
        [NODE.right, middle + 1, last],
      ] as const;
      for (const [side, from, to] of halves) {
        if (from > to) continue;
        const child = build(from, to);
        nodes[node * NODE.stride + side] = child;
        for (let i = 0; i < BOX; i += 2) {
          const at = node * BOX + i;
          const childAt = child * BOX + i;
          boxes[at] = Math.min(boxes[at] ?? 0, boxes[childAt] ?? 0);
          boxes[at + 1] = Math.max(boxes[at + 1] ?? 0, boxes[childAt + 1] ?? 0);
        }
      }
      return node;
    };
    if (count > 0) build(0, count - 1);
    this.nodes = Int32Array.from(nodes);
    this.boxes = Float64Array.from(boxes);
  }

  /** Grows a node's box to take in the point at `position`. */
  private extend(boxes: number[], node: number, position: number): void {
    for (let axis = 0; axis < 3; axis++) {
      const value = this.vectors[position * VECTOR.stride + axis] ?? 0;
      const at = node * BOX + 2 * axis;
      boxes[at] = Math.min(boxes[at] ?? value, value);
      boxes[at + 1] = Math.max(boxes[at + 1] ?? value, value);
    }
  }
}

/** Squared distance from q to the nearest point of [min, max] on one axis. */
function gap(q: number, min: number, max: number): number {
  const d = q < min ? min - q : q > max ? q - max : 0;
  return d * d;
}

/**
 * Nearest-first search over a tree's nodes from one point. The queue holds nodes keyed by a lower bound of
 * the squared chord to any of their points, so the top of the queue is never farther than any point not yet
 * handed out, and a caller may stop as soon as the top is too far for what it needs. Taking a node hands out
 * its own points (a leaf's all, an inner node's middle one) to be looked at right away, in tree order rather
 * than one by one through the queue: a leaf's points lie side by side in memory, and the caller's collector
 * keeps the best whatever the order. One search object is reused for many searches, never shared.
 */
export class NearestFirst {
  private keys = new Float64Array(64);
  private items = new Int32Array(64);
  private count = 0;
  private vectors: Float64Array = new Float64Array(0);
  private boxes: Float64Array = new Float64Array(0);
  private nodes: Int32Array = new Int32Array(0);
  private qx = 0;
  private qy = 0;
  private qz = 0;
  /**
   * The points handed out by the last take() that are not beyond the cutoff, nearest first: `taken` of
   * them, their positions in `positions` and their keys in `pointKeys`. In distance order the collector
   * fills with the best first, and the bar rises as fast as it can.
   */
  positions = new Int32Array(64);
  pointKeys = new Float64Array(64);
  taken = 0;
  /**
   * Nodes farther than this (squared chord) are not even queued: the caller has said it will not look at
   * them. It may only lower it during a search, never raise it.
   */
  cutoff = Number.POSITIVE_INFINITY;

  start(tree: StreamTree, x: number, y: number, z: number): void {
    this.vectors = tree.vectors;
    this.boxes = tree.boxes;
    this.nodes = tree.nodes;
    this.qx = x;
    this.qy = y;
    this.qz = z;
    this.count = 0;
    this.taken = 0;
    this.cutoff = Number.POSITIVE_INFINITY;
    if (tree.size > 0) this.pushNode(0);
  }

  /** A lower bound of the squared chord to every point not yet handed out; Infinity when none is left. */
  topKey(): number {
    return this.count > 0 ? (this.keys[0] ?? Infinity) : Infinity;
  }

  /** Takes the nearest node: queues its children and hands out its own points (see `positions`). */
  take(): void {
    const node = this.pop();
    const row = node * NODE.stride;
    const nodes = this.nodes;
    const middle = nodes[row + NODE.middle] ?? -1;
    this.taken = 0;
    if (middle < 0) {
      const last = nodes[row + NODE.last] ?? -1;
      for (let position = nodes[row + NODE.first] ?? 0; position <= last; position++) this.hand(position);
      return;
    }
    this.hand(middle);
    const left = nodes[row + NODE.left] ?? -1;
    const right = nodes[row + NODE.right] ?? -1;
    if (left >= 0) this.pushNode(left);
    if (right >= 0) this.pushNode(right);
  }

  /** Adds a point to those handed out, in key order (insertion: a leaf has a few). */
  private hand(position: number): void {
    const key = this.keyOf(position);
    if (key > this.cutoff) return;
    if (this.taken === this.positions.length) {
      const positions = new Int32Array(this.taken * 2);
      positions.set(this.positions);
      this.positions = positions;
      const keys = new Float64Array(this.taken * 2);
      keys.set(this.pointKeys);
      this.pointKeys = keys;
    }
    const { positions, pointKeys } = this;
    let at = this.taken;
    this.taken += 1;
    while (at > 0 && (pointKeys[at - 1] ?? 0) > key) {
      positions[at] = positions[at - 1] ?? 0;
      pointKeys[at] = pointKeys[at - 1] ?? 0;
      at -= 1;
    }
    positions[at] = position;
    pointKeys[at] = key;
  }

  /** The squared chord from the search's point to the point at `position`. */
  private keyOf(position: number): number {
    const vectors = this.vectors;
    const row = position * VECTOR.stride;
    const dx = (vectors[row + VECTOR.x] ?? 0) - this.qx;
    const dy = (vectors[row + VECTOR.y] ?? 0) - this.qy;
    const dz = (vectors[row + VECTOR.z] ?? 0) - this.qz;
    return dx * dx + dy * dy + dz * dz;
  }

  private pushNode(node: number): void {
    const boxes = this.boxes;
    const at = node * BOX;
    const key =
      gap(this.qx, boxes[at] ?? 0, boxes[at + 1] ?? 0) +
      gap(this.qy, boxes[at + 2] ?? 0, boxes[at + 3] ?? 0) +
      gap(this.qz, boxes[at + 4] ?? 0, boxes[at + 5] ?? 0);
    if (key <= this.cutoff) this.push(key, node);
  }

  // A binary min-heap over the two arrays.

  private push(key: number, item: number): void {
    if (this.count === this.keys.length) this.grow();
    let i = this.count;
    this.count += 1;
    const { keys, items } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent] ?? 0;
      if (parentKey <= key) break;
      keys[i] = parentKey;
      items[i] = items[parent] ?? 0;
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }

  private pop(): number {
    const { keys, items } = this;
    const top = items[0] ?? 0;
    this.count -= 1;
    const count = this.count;
    if (count === 0) return top;
    const key = keys[count] ?? 0;
    const item = items[count] ?? 0;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= count) break;
      const right = child + 1;
      if (right < count && (keys[right] ?? 0) < (keys[child] ?? 0)) child = right;
      const childKey = keys[child] ?? 0;
      if (childKey >= key) break;
      keys[i] = childKey;
      items[i] = items[child] ?? 0;
      i = child;
    }
    keys[i] = key;
    items[i] = item;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.items = items;
  }
}
