import { CoveringArea, ResponsibilityRule, decideResponsibility } from './responsibility';

const departments = new Map([
  ['tiefbau', 'Tiefbauamt'],
  ['bauhof-manebach', 'Bauhof Manebach'],
  ['bauhof-soemmerda', 'Bauhof Sömmerda'],
  ['bauhof-rastenberg', 'Bauhof Rastenberg'],
]);
const town: CoveringArea = { id: 'ilmenau', name: 'Ilmenau', kind: 'municipality' };
const manebach: CoveringArea = { id: 'manebach', name: 'Manebach', kind: 'district' };

describe('decideResponsibility', () => {
  const rules: ResponsibilityRule[] = [
    { categoryId: 'pothole', areaId: null, departmentId: 'tiefbau' },
    { categoryId: 'pothole', areaId: 'manebach', departmentId: 'bauhof-manebach' },
    { categoryId: 'waste', areaId: 'soemmerda', departmentId: 'bauhof-soemmerda' },
    { categoryId: 'waste', areaId: 'rastenberg', departmentId: 'bauhof-rastenberg' },
  ];

  it.each([
    ['district rule beats the fallback', 'pothole', [town, manebach], 'bauhof-manebach', 'manebach', /Ortsteil Manebach/],
    ['fallback where no area rule matches', 'pothole', [town], 'tiefbau', 'ilmenau', /allgemeine Zuständigkeit/],
    ['union: the member town decides', 'waste', [{ id: 'rastenberg', name: 'Rastenberg', kind: 'municipality' as const }], 'bauhof-rastenberg', 'rastenberg', /in Rastenberg/],
    ['no rule at all goes to triage', 'graffiti', [town], null, 'ilmenau', /Leitstelle/],
  ])('%s', (_, categoryId, coveringAreas, departmentId, areaId, reason) => {
    const decision = decideResponsibility({ categoryId, categoryName: 'X', coveringAreas, rules, departmentNames: departments });
    expect(decision.departmentId).toBe(departmentId);
    expect(decision.areaId).toBe(areaId);
    expect(decision.reason.de).toMatch(reason);
    expect(decision.reason.en.length).toBeGreaterThan(10);
  });

  it('prefers the district even when areas come in another order', () => {
    const decision = decideResponsibility({ categoryId: 'pothole', categoryName: 'Schlagloch', coveringAreas: [manebach, town], rules, departmentNames: departments });
    expect(decision.departmentId).toBe('bauhof-manebach');
  });
});
