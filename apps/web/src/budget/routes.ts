// Paths of the participatory budget area, below /{slug}/buergerhaushalt/.
export type BudgetRoute =
  | { name: 'start' }
  | { name: 'cycle'; cycleId: string }
  | { name: 'proposals'; cycleId: string; view: 'list' | 'map' }
  | { name: 'proposal'; cycleId: string; id: string }
  | { name: 'propose'; cycleId: string }
  | { name: 'vote'; cycleId: string }
  | { name: 'receipt' }
  | { name: 'results'; cycleId: string }
  | { name: 'implementation'; cycleId: string; view: 'list' | 'map' }
  | { name: 'project'; id: string }
  | { name: 'staff' }
  | { name: 'staff-cycle'; cycleId: string; section: StaffSection }
  | { name: 'not-found' };

export const STAFF_SECTIONS = ['einrichtung', 'pruefung', 'codes', 'papier', 'ergebnisse', 'umsetzung'] as const;
export type StaffSection = (typeof STAFF_SECTIONS)[number];

const e = encodeURIComponent;
const base = (slug: string) => `/${e(slug)}/buergerhaushalt`;

export const budgetPaths = {
  start: (slug: string) => base(slug),
  cycle: (slug: string, cycleId: string) => `${base(slug)}/${e(cycleId)}`,
  proposals: (slug: string, cycleId: string) => `${base(slug)}/${e(cycleId)}/vorschlaege`,
  proposalsMap: (slug: string, cycleId: string) => `${base(slug)}/${e(cycleId)}/vorschlaege/karte`,
  proposal: (slug: string, cycleId: string, id: string) => `${base(slug)}/${e(cycleId)}/vorschlaege/${e(id)}`,
  propose: (slug: string, cycleId: string) => `${base(slug)}/${e(cycleId)}/vorschlagen`,
  vote: (slug: string, cycleId: string) => `${base(slug)}/${e(cycleId)}/abstimmen`,
  receipt: (slug: string, code?: string) => `${base(slug)}/quittung${code ? `?code=${e(code)}` : ''}`,
  results: (slug: string, cycleId: string) => `${base(slug)}/${e(cycleId)}/ergebnisse`,
  implementation: (slug: string, cycleId: string) => `${base(slug)}/${e(cycleId)}/umsetzung`,
  implementationMap: (slug: string, cycleId: string) => `${base(slug)}/${e(cycleId)}/umsetzung/karte`,
  project: (slug: string, id: string) => `${base(slug)}/projekte/${e(id)}`,
  staff: (slug: string) => `${base(slug)}/verwaltung`,
  staffCycle: (slug: string, cycleId: string, section: StaffSection = 'einrichtung') => `${base(slug)}/verwaltung/${e(cycleId)}/${section}`,
};

/** Where staff sign in: the back office (apps/web/src/staff/) shows its sign-in on any of its paths. */
export const staffSignInPath = (slug: string) => `/${e(slug)}/verwaltung`;

/** `parts` are the decoded path segments after /{slug}/buergerhaushalt. */
export function matchBudgetRoute(parts: string[]): BudgetRoute {
  const [a, b, c, ...rest] = parts;
  if (rest.length) return { name: 'not-found' };
  if (a === undefined) return { name: 'start' };
  if (a === 'quittung' && b === undefined) return { name: 'receipt' };
  if (a === 'projekte' && b && c === undefined) return { name: 'project', id: b };
  if (a === 'verwaltung') {
    if (b === undefined) return { name: 'staff' };
    const section = (c ?? 'einrichtung') as StaffSection;
    return STAFF_SECTIONS.includes(section) ? { name: 'staff-cycle', cycleId: b, section } : { name: 'not-found' };
  }
  const cycleId = a;
  if (b === undefined) return { name: 'cycle', cycleId };
  if (b === 'vorschlaege') {
    if (c === undefined) return { name: 'proposals', cycleId, view: 'list' };
    if (c === 'karte') return { name: 'proposals', cycleId, view: 'map' };
    return { name: 'proposal', cycleId, id: c };
  }
  if (c !== undefined) {
    if (b === 'umsetzung' && c === 'karte') return { name: 'implementation', cycleId, view: 'map' };
    return { name: 'not-found' };
  }
  if (b === 'vorschlagen') return { name: 'propose', cycleId };
  if (b === 'abstimmen') return { name: 'vote', cycleId };
  if (b === 'ergebnisse') return { name: 'results', cycleId };
  if (b === 'umsetzung') return { name: 'implementation', cycleId, view: 'list' };
  return { name: 'not-found' };
}
