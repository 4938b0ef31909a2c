import { MAX_CELLS, STREET_ZOOM, baseCellSize, clusterGrid, latFromMercator, lonFromMercator, mercatorX, mercatorY } from './cluster-grid';

describe('cluster grid', () => {
  const ilmenau: [number, number, number, number] = [10.85, 50.6, 11.0, 50.72];

  it('projects to Web Mercator and back', () => {
    for (const [lon, lat] of [[0, 0], [10.9186, 50.6832], [-179.9, -80], [179.9, 85]]) {
      expect(lonFromMercator(mercatorX(lon))).toBeCloseTo(lon, 9);
      expect(latFromMercator(mercatorY(lat))).toBeCloseTo(lat, 9);
    }
  });

  it('halves the cell size with every zoom level', () => {
    expect(baseCellSize(0)).toBeCloseTo(40075016.686 / 4, 0);
    for (let zoom = 1; zoom <= 22; zoom++) expect(baseCellSize(zoom) * 2).toBeCloseTo(baseCellSize(zoom - 1), 6);
  });

  it('snaps the box outward so it covers the request', () => {
    for (let zoom = 0; zoom <= 22; zoom++) {
      const grid = clusterGrid(ilmenau, zoom);
      expect(grid.bbox[0]).toBeLessThanOrEqual(ilmenau[0]);
      expect(grid.bbox[1]).toBeLessThanOrEqual(ilmenau[1]);
      expect(grid.bbox[2]).toBeGreaterThanOrEqual(ilmenau[2]);
      expect(grid.bbox[3]).toBeGreaterThanOrEqual(ilmenau[3]);
    }
  });

  it('gives the same key for a small pan inside the same tiles', () => {
    const a = clusterGrid([10.9, 50.65, 10.95, 50.68], 14);
    const b = clusterGrid([10.9001, 50.6501, 10.9501, 50.6801], 14);
    expect(a.key).toBe(b.key);
  });

  it('returns single reports at street zoom for a screen-sized box only', () => {
    const screen: [number, number, number, number] = [10.91, 50.68, 10.925, 50.688];
    expect(clusterGrid(screen, STREET_ZOOM).cellSize).toBe(0);
    expect(clusterGrid(screen, STREET_ZOOM - 1).cellSize).toBeGreaterThan(0);
    // A whole town at street zoom would be thousands of markers: cells instead.
    expect(clusterGrid(ilmenau, 20).cellSize).toBeGreaterThan(0);
  });

  it('never asks for more than MAX_CELLS cells, however large the box at a high zoom', () => {
    for (const zoom of [12, 16, 18, 22]) {
      const grid = clusterGrid([-180, -85, 180, 85], zoom);
      const cells = ((mercatorX(grid.bbox[2]) - mercatorX(grid.bbox[0])) * (mercatorY(grid.bbox[3]) - mercatorY(grid.bbox[1]))) / grid.cellSize ** 2;
      expect(cells).toBeLessThanOrEqual(MAX_CELLS * 1.0001);
    }
  });
});
