import { BBox } from './report-read.types';

/**
 * Grid clustering in Web Mercator (EPSG:3857): the map's own projection, so a
 * cell is the same number of screen pixels at every latitude and about
 * CLUSTER_CELL_PX × metres-per-pixel on the ground. Cells are aligned to a
 * global grid (origin at the world's corner) so the same report always lands
 * in the same cell for a zoom, and clusters split cleanly when zooming in
 * (each cell of zoom z+1 lies inside one cell of zoom z).
 */

export const HALF_WORLD = 20037508.342789244;
const WORLD = 2 * HALF_WORLD;
const EARTH_RADIUS = 6378137;
const MAX_MERCATOR_LAT = 85.0511287798066;

/** Screen size of one cluster cell. */
export const CLUSTER_CELL_PX = 64;
const TILE_PX = 256;
/** From this zoom on, reports are returned one by one (street level). */
export const STREET_ZOOM = 17;
/** Upper bound on cells per request: a larger box at a high zoom gets coarser cells, never a huge answer. */
export const MAX_CELLS = 4096;
/** Single reports only when the box is about one screen (≤ 2048 × 2048 px); otherwise the grid stays. */
export const MAX_SINGLE_CELLS = 1024;
/** Safety cap on single reports in one answer (street zoom, box of about one screen). */
export const MAX_SINGLES = 5000;

export function mercatorX(lon: number): number {
  return (lon * HALF_WORLD) / 180;
}

export function mercatorY(lat: number): number {
  const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
  return Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) * EARTH_RADIUS;
}

export function lonFromMercator(x: number): number {
  return (x * 180) / HALF_WORLD;
}

export function latFromMercator(y: number): number {
  return ((2 * Math.atan(Math.exp(y / EARTH_RADIUS)) - Math.PI / 2) * 180) / Math.PI;
}

/** Edge of one cluster cell at a zoom, in EPSG:3857 metres. */
export function baseCellSize(zoom: number): number {
  return WORLD / 2 ** zoom / (TILE_PX / CLUSTER_CELL_PX);
}

export interface ClusterGrid {
  zoom: number;
  /** Cell edge in EPSG:3857 metres; 0 = no grouping, one entry per report. */
  cellSize: number;
  /** The requested box snapped outward to whole blocks: the area actually queried. */
  bbox: BBox;
  /** Identifies (zoom, cell, snapped box) for the cache. */
  key: string;
}

/**
 * The grid for a request. The box is snapped outward to whole tiles (or whole
 * cells when cells are larger), so every cell is either fully inside or fully
 * outside: counts are exact per cell, and small pans reuse the cached answer.
 */
export function clusterGrid(bbox: BBox, zoom: number): ClusterGrid {
  const base = baseCellSize(zoom);
  const x0 = mercatorX(bbox[0]) + HALF_WORLD;
  const y0 = mercatorY(bbox[1]) + HALF_WORLD;
  const x1 = mercatorX(bbox[2]) + HALF_WORLD;
  const y1 = mercatorY(bbox[3]) + HALF_WORLD;
  let doublings = 0;
  for (;;) {
    const cell = base * 2 ** doublings;
    const block = Math.max(base * (TILE_PX / CLUSTER_CELL_PX), cell);
    const blocks = Math.round(WORLD / block);
    const ix0 = clampIndex(Math.floor(x0 / block), blocks);
    const iy0 = clampIndex(Math.floor(y0 / block), blocks);
    const ix1 = clampIndex(Math.max(Math.ceil(x1 / block), ix0 + 1), blocks);
    const iy1 = clampIndex(Math.max(Math.ceil(y1 / block), iy0 + 1), blocks);
    const cells = ((ix1 - ix0) * block * (iy1 - iy0) * block) / (cell * cell);
    if (cells > MAX_CELLS && cell < WORLD / 2) {
      doublings++;
      continue;
    }
    const single = zoom >= STREET_ZOOM && doublings === 0 && cells <= MAX_SINGLE_CELLS;
    const snapped: BBox = [
      ix0 === 0 ? -180 : lonFromMercator(ix0 * block - HALF_WORLD),
      iy0 === 0 ? -90 : latFromMercator(iy0 * block - HALF_WORLD),
      ix1 === blocks ? 180 : lonFromMercator(ix1 * block - HALF_WORLD),
      iy1 === blocks ? 90 : latFromMercator(iy1 * block - HALF_WORLD),
    ];
    return { zoom, cellSize: single ? 0 : cell, bbox: snapped, key: `${zoom}/${single ? 's' : doublings}/${ix0},${iy0},${ix1},${iy1}` };
  }
}

function clampIndex(index: number, blocks: number): number {
  return Math.max(0, Math.min(blocks, index));
}
