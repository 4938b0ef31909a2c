export interface CoveringArea {
  id: string;
  name: string;
  kind: 'municipality' | 'district';
}

export interface ResponsibilityRule {
  categoryId: string;
  /** null: the category's fallback. */
  areaId: string | null;
  departmentId: string;
}

export interface RoutingDecision {
  departmentId: string | null;
  /** The most specific area the point lies in (district before municipality). */
  areaId: string | null;
  /** Which rule decided, for staff and the public history. */
  reason: { de: string; en: string };
}

/**
 * Picks the responsible department: the rule for the most specific area that
 * covers the point wins (district, then municipality — in a union tenant the
 * member town decides), then the category's fallback.
 */
export function decideResponsibility(input: {
  categoryId: string;
  categoryName: string;
  coveringAreas: readonly CoveringArea[];
  rules: readonly ResponsibilityRule[];
  departmentNames: ReadonlyMap<string, string>;
}): RoutingDecision {
  const areas = [...input.coveringAreas].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'district' ? -1 : 1));
  const mostSpecific = areas[0] ?? null;
  const rules = input.rules.filter((rule) => rule.categoryId === input.categoryId);
  for (const area of areas) {
    const rule = rules.find((candidate) => candidate.areaId === area.id);
    if (rule) {
      const department = input.departmentNames.get(rule.departmentId) ?? rule.departmentId;
      const where = area.kind === 'district' ? { de: `im Ortsteil ${area.name}`, en: `in the district ${area.name}` } : { de: `in ${area.name}`, en: `in ${area.name}` };
      return {
        departmentId: rule.departmentId,
        areaId: mostSpecific?.id ?? null,
        reason: {
          de: `Kategorie „${input.categoryName}“ ${where.de}: zuständig ist ${department}.`,
          en: `Category "${input.categoryName}" ${where.en}: ${department} is responsible.`,
        },
      };
    }
  }
  const fallback = rules.find((rule) => rule.areaId === null);
  if (fallback) {
    const department = input.departmentNames.get(fallback.departmentId) ?? fallback.departmentId;
    return {
      departmentId: fallback.departmentId,
      areaId: mostSpecific?.id ?? null,
      reason: {
        de: `Kategorie „${input.categoryName}“: zuständig ist ${department} (allgemeine Zuständigkeit der Kategorie).`,
        en: `Category "${input.categoryName}": ${department} is responsible (the category's general responsibility).`,
      },
    };
  }
  return {
    departmentId: null,
    areaId: mostSpecific?.id ?? null,
    reason: {
      de: `Für die Kategorie „${input.categoryName}“ ist keine Zuständigkeit hinterlegt; die Leitstelle prüft die Meldung.`,
      en: `No responsibility is configured for the category "${input.categoryName}"; the service desk will review the report.`,
    },
  };
}
