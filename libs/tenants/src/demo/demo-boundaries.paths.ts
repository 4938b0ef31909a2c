// Where the generated demo boundaries live, relative to the repository root.
// Relative rather than __dirname-based because compiled code in dist/ does not
// carry the data folder; seeds run from the repository root.
export const DEMO_BOUNDARY_DIR = 'libs/tenants/data';

export function demoBoundaryFile(slug: string): string {
  return `${DEMO_BOUNDARY_DIR}/${slug}.geojson`;
}
