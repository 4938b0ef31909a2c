/**
 * Ranking of duplicate candidates shown before a new report is sent (all are
 * open, public and within DUPLICATE_RADIUS_M):
 *
 *   score = 0.40 · proximity + 0.25 · sameCategory + 0.25 · text + 0.10 · recency
 *
 *   proximity    = 1 − distance / DUPLICATE_RADIUS_M        (1 on the spot, 0 at the edge)
 *   sameCategory = 1 when the category code matches, else 0
 *   text         = pg_trgm similarity(description, new text)  (0 … 1; 0 without text)
 *   recency      = 0.5 ^ (age in days / 30)                  (half-life of a month)
 *
 * Distance weighs most because a pin usually marks the very object; category
 * and text tell two problems at one spot apart; recency prefers the report a
 * neighbour has just made over an old one still open.
 */
export const DUPLICATE_RADIUS_M = 250;
export const DUPLICATE_LIMIT = 5;
export const DUPLICATE_WEIGHTS = { proximity: 0.4, category: 0.25, text: 0.25, recency: 0.1 } as const;
const RECENCY_HALF_LIFE_DAYS = 30;

export interface DuplicateFeatures {
  distanceM: number;
  sameCategory: boolean;
  /** pg_trgm similarity, 0 … 1. */
  textSimilarity: number;
  ageDays: number;
}

export function duplicateScore(features: DuplicateFeatures): number {
  const proximity = clamp01(1 - features.distanceM / DUPLICATE_RADIUS_M);
  const recency = 0.5 ** (Math.max(0, features.ageDays) / RECENCY_HALF_LIFE_DAYS);
  const score =
    DUPLICATE_WEIGHTS.proximity * proximity +
    DUPLICATE_WEIGHTS.category * (features.sameCategory ? 1 : 0) +
    DUPLICATE_WEIGHTS.text * clamp01(features.textSimilarity) +
    DUPLICATE_WEIGHTS.recency * recency;
  return Math.round(score * 1000) / 1000;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
}
