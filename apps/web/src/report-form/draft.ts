// The report being written, kept in sessionStorage so a reload or a lost connection loses nothing typed.
// Photos stay in memory only (too large for sessionStorage); the form says so when it restores a draft.

export const STEPS = ['place', 'category', 'details', 'photos', 'contact', 'review'] as const;
export type StepId = (typeof STEPS)[number];

export interface Draft {
  step: StepId;
  placeMode: 'map' | 'address';
  lat: number | null;
  lon: number | null;
  address: string;
  areaId: string;
  category: string;
  attributes: Record<string, string | string[]>;
  description: string;
  contactEmail: string;
  contactName: string;
  contactPhone: string;
}

export const emptyDraft = (): Draft => ({
  step: 'place',
  placeMode: 'map',
  lat: null,
  lon: null,
  address: '',
  areaId: '',
  category: '',
  attributes: {},
  description: '',
  contactEmail: '',
  contactName: '',
  contactPhone: '',
});

const key = (slug: string) => `mitreden.reportDraft.${slug}`;

export function loadDraft(slug: string): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(key(slug));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    const draft = { ...emptyDraft(), ...parsed };
    if (!STEPS.includes(draft.step)) draft.step = 'place';
    return draft;
  } catch {
    return null;
  }
}

export function saveDraft(slug: string, draft: Draft): void {
  try {
    window.sessionStorage.setItem(key(slug), JSON.stringify(draft));
  } catch {
    // Storage disabled or full: the draft then lives in memory only.
  }
}

export function clearDraft(slug: string): void {
  try {
    window.sessionStorage.removeItem(key(slug));
  } catch {
    // Nothing to clear.
  }
}

export function isBlank(d: Draft): boolean {
  const e = emptyDraft();
  return (
    d.lat === e.lat &&
    !d.address &&
    !d.areaId &&
    !d.category &&
    !d.description &&
    !d.contactEmail &&
    !d.contactName &&
    !d.contactPhone &&
    Object.keys(d.attributes).length === 0
  );
}

const resultKey = (slug: string) => `mitreden.lastReport.${slug}`;

export function saveResult(slug: string, value: unknown): void {
  try {
    window.sessionStorage.setItem(resultKey(slug), JSON.stringify(value));
  } catch {
    // The confirmation page then falls back to a generic text.
  }
}

export function loadResult<T>(slug: string): T | null {
  try {
    return JSON.parse(window.sessionStorage.getItem(resultKey(slug)) ?? 'null') as T | null;
  } catch {
    return null;
  }
}
