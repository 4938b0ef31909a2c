import type { Position } from './geojson.model';

/**
 * Rings longer than this are not searched for self-intersections here: the
 * pairwise search is quadratic, and PostGIS (ST_IsValidReason) finds every
 * case at import anyway. This check only exists to name the obvious bow-tie
 * early, next to the field that caused it.
 */
export const RING_SELF_INTERSECTION_MAX_POSITIONS = 256;

export function isRingClosed(ring: readonly Position[]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
}

/** Indices (into the given ring) of the start positions of two segments that touch or cross. */
export interface RingSelfIntersection {
  readonly segmentA: number;
  readonly segmentB: number;
}

/**
 * Finds two non-adjacent segments of a closed ring that touch or cross (a bow-tie,
 * or a ring that pinches itself), or null when there are none or the ring is too
 * long to search cheaply. Repeated consecutive positions are legal and skipped.
 */
export function findRingSelfIntersection(ring: readonly Position[]): RingSelfIntersection | null {
  if (ring.length > RING_SELF_INTERSECTION_MAX_POSITIONS || !isRingClosed(ring)) return null;
  // Index of each distinct vertex in the original ring, so errors point at the input.
  const kept: number[] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const previous = kept.length > 0 ? ring[kept[kept.length - 1] as number] : undefined;
    if (previous && samePosition(previous, ring[i] as Position)) continue;
    kept.push(i);
  }
  // Drop a trailing duplicate of the first vertex (the closing position is already excluded).
  while (kept.length > 1 && samePosition(ring[kept[0] as number] as Position, ring[kept[kept.length - 1] as number] as Position)) {
    kept.pop();
  }
  const count = kept.length; // segments: kept[k] -> kept[(k + 1) % count]
  if (count < 3) return null;
  const at = (k: number): Position => ring[kept[k % count] as number] as Position;
  for (let a = 0; a < count; a++) {
    for (let b = a + 2; b < count; b++) {
      if (a === 0 && b === count - 1) continue; // adjacent through the closing vertex
      if (segmentsTouch(at(a), at(a + 1), at(b), at(b + 1))) {
        return { segmentA: kept[a] as number, segmentB: kept[b] as number };
      }
    }
  }
  return null;
}

function samePosition(p: Position, q: Position): boolean {
  return p[0] === q[0] && p[1] === q[1];
}

function orientation(p: Position, q: Position, r: Position): number {
  const value = ((q[0] as number) - (p[0] as number)) * ((r[1] as number) - (p[1] as number)) -
    ((q[1] as number) - (p[1] as number)) * ((r[0] as number) - (p[0] as number));
  return Math.sign(value);
}

/** r lies within the bounding box of p-q (used only when p, q, r are collinear). */
function withinBox(p: Position, q: Position, r: Position): boolean {
  const [px, py] = p as [number, number];
  const [qx, qy] = q as [number, number];
  const [rx, ry] = r as [number, number];
  return Math.min(px, qx) <= rx && rx <= Math.max(px, qx) && Math.min(py, qy) <= ry && ry <= Math.max(py, qy);
}

function segmentsTouch(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true; // proper crossing
  // Otherwise they meet only if an end point lies on the other segment.
  return (
    (o1 === 0 && withinBox(p1, p2, q1)) ||
    (o2 === 0 && withinBox(p1, p2, q2)) ||
    (o3 === 0 && withinBox(q1, q2, p1)) ||
    (o4 === 0 && withinBox(q1, q2, p2))
  );
}
