// Typed client for the participatory budget API (public and staff). It follows the app's one
// client in ../api/client.ts: same errors (ApiError with field errors and code, NetworkError), the
// same Accept-Language; it adds JSON bodies, text answers (CSV) and the staff session's CSRF token.
import { ApiError, isAbort, NetworkError } from '../api/client';
import type { FieldError, Locale } from '../api/types';
import { currentLocale } from '../i18n';

export const PHASES = ['preparation', 'proposals', 'review', 'voting', 'results', 'implementation'] as const;
export type Phase = (typeof PHASES)[number];
export type BallotType = 'approval' | 'knapsack' | 'cumulative' | 'ranked';
export type ProposalStatus = 'submitted' | 'feasible' | 'not_feasible' | 'merged';
export const IMPLEMENTATION_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

export interface BallotRules {
  minProjects?: number;
  maxProjects?: number;
  maxCostCents?: number;
  totalPoints?: number;
  maxPointsPerProject?: number;
  rankLength?: number;
}

export type Aggregation =
  | { rule: 'greedy'; variant?: 'greedy' | 'greedy-no-skip' | 'greedy-threshold'; threshold?: number }
  | { rule: 'equal-shares'; perVoterBudget?: string; increment?: number; exhaustiveStop?: boolean; utilitarianCompletion?: boolean; comparison?: string }
  | { rule: 'phragmen'; variant?: 'stop' | 'skip'; greedyCompletion?: boolean };

export interface Budget {
  id: string;
  cycleId: string;
  areaId: string | null;
  areaName: string | null;
  name: string;
  amountCents: number;
  ballotType: BallotType;
  ballotRules: BallotRules;
  aggregation: Aggregation;
  rulesFrozenAt: string | null;
}

export interface Cycle {
  id: string;
  year: number;
  title: string;
  kind: 'official' | 'simulation';
  phase: Phase;
  phaseChangedAt: string;
  schedule: Record<Exclude<Phase, 'preparation'>, string | null>;
  eligibility: { email: boolean; codes: boolean; residencyRequired: boolean };
  currency: string;
}

export interface CycleDetail extends Cycle {
  budgets: Budget[];
}

export interface Proposal {
  id: string;
  number: string;
  cycleId: string;
  budgetId: string;
  title: string;
  description: string;
  category: string | null;
  estimatedCostCents: number;
  officialCostCents: number | null;
  location: { lat: number; lon: number } | null;
  areaId: string | null;
  status: ProposalStatus;
  reviewReason: string | null;
  mergedInto: string | null;
  supports: number;
  funded: boolean;
  implementation: { status: ImplementationStatus | null; progress: number } | null;
  createdAt: string;
}

export interface BudgetPhoto {
  milestoneId: string | null;
  large: string;
  thumb: string;
}

export interface ProposalDetail extends Proposal {
  photos: BudgetPhoto[];
}

export interface Milestone {
  id: string;
  title: string;
  description: string;
  status: ImplementationStatus;
  progress: number;
  dueDate: string | null;
}

export interface Implementation {
  proposalId: string;
  status: ImplementationStatus | null;
  progress: number;
  milestones: Milestone[];
  updates: { status: ImplementationStatus; progress: number; note: string | null; at: string }[];
  photos: BudgetPhoto[];
}

export interface PaymentSplit {
  fullShare: { voters: number; each: number };
  allTheyHad: { voters: number; total: number };
  nothingLeft: number;
}

export interface ExplanationStep {
  step: number;
  phase: string;
  projectId: string;
  cost: number;
  score: number;
  remainingBudget: number;
  perVoterPayment?: number;
  effectiveSupport?: number;
  payments?: PaymentSplit;
  remainingVoterBudgets?: { min: number; max: number; total: number; votersWithMoney: number };
}

export interface Explanation {
  steps: ExplanationStep[];
  rejected: { projectId: string; reason: { kind: string; [key: string]: unknown } }[];
  notes: { kind: string; [key: string]: unknown }[];
}

export interface BudgetResult {
  budget: { id: string; name: string; areaId: string | null; amountCents: number };
  tallyId: string;
  rule: string;
  pabulibRule: string;
  options: Record<string, unknown>;
  ballotSetHash: string;
  ballotsCount: number;
  computedAt: string;
  publishedAt: string;
  selected: { id: string; title: string }[];
  totalCostCents: number;
  unitCents: number;
  explanation: Explanation;
  text: { de: string[]; en: string[] };
}

export interface Tally {
  id: string;
  budgetId: string;
  state: 'pending' | 'done' | 'failed';
  rule: string;
  ballotSetHash: string | null;
  ballotsCount: number | null;
  result: { selected: string[]; totalCostCents: number } | null;
  error: string | null;
  computedAt: string | null;
  publishedAt: string | null;
}

export type Credential = { voterId: string; token: string } | { code: string };

export interface StaffSession {
  csrfToken: string;
  user: { id: string; name?: string; email?: string; role: string };
  permissions?: string[];
}

type Query = Record<string, string | number | null | undefined>;

interface Options extends RequestInit {
  query?: Query;
  json?: unknown;
  csrf?: string;
  text?: boolean;
}

async function request<T>(path: string, { query, json, csrf, text: asText, headers, ...init }: Options = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${qs ? `?${qs}` : ''}`, {
      ...init,
      body: json !== undefined ? JSON.stringify(json) : init.body,
      headers: {
        Accept: asText ? 'text/plain, text/csv, application/json' : 'application/json',
        'Accept-Language': currentLocale(),
        ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
        ...headers,
      },
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const raw = await response.text().catch(() => '');
  if (response.ok && asText) return raw as T;
  let body: unknown;
  try {
    body = raw ? JSON.parse(raw) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (body === undefined && response.status >= 502 && response.status <= 504) throw new NetworkError(`HTTP ${response.status}`);
    const b = (body ?? {}) as { message?: unknown; errors?: unknown; code?: unknown };
    const message = typeof b.message === 'string' ? b.message : Array.isArray(b.message) ? b.message.join(', ') : `HTTP ${response.status}`;
    const errors = Array.isArray(b.errors) ? (b.errors as FieldError[]).filter((e) => e && typeof e.field === 'string') : [];
    throw new ApiError(response.status, message, errors, typeof b.code === 'string' ? b.code : undefined);
  }
  return body as T;
}

export function errorCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}

const t = (slug: string) => `/t/${encodeURIComponent(slug)}`;
const e = encodeURIComponent;

export const budgetApi = {
  cycles: (slug: string, signal?: AbortSignal) => request<Cycle[]>(`${t(slug)}/budget-cycles`, { signal }),
  cycle: (slug: string, id: string, signal?: AbortSignal) => request<CycleDetail>(`${t(slug)}/budget-cycles/${e(id)}`, { signal }),
  proposals: (slug: string, cycleId: string, q: { budgetId?: string; status?: ProposalStatus } = {}, signal?: AbortSignal) =>
    request<Proposal[]>(`${t(slug)}/budget-cycles/${e(cycleId)}/proposals`, { signal, query: q }),
  proposal: (slug: string, id: string, signal?: AbortSignal) => request<ProposalDetail>(`${t(slug)}/budget-proposals/${e(id)}`, { signal }),
  submitProposal: (slug: string, cycleId: string, form: FormData) =>
    request<Proposal>(`${t(slug)}/budget-cycles/${e(cycleId)}/proposals`, { method: 'POST', body: form }),
  support: (slug: string, id: string, body: { email: string; locale: Locale }) =>
    request<{ confirmationRequired: boolean }>(`${t(slug)}/budget-proposals/${e(id)}/supports`, { method: 'POST', json: body }),
  registerVoter: (slug: string, cycleId: string, body: { email: string; locale: Locale; lat?: number; lon?: number }) =>
    request<{ mailed: true }>(`${t(slug)}/budget-cycles/${e(cycleId)}/voters`, { method: 'POST', json: body }),
  cast: (slug: string, budgetId: string, body: { credential: Credential; projects: string[]; points?: number[] }) =>
    request<{ receipt: string; budgetId: string }>(`${t(slug)}/budgets/${e(budgetId)}/ballots`, { method: 'POST', json: body }),
  receipt: (slug: string, code: string, signal?: AbortSignal) =>
    request<{ counted: boolean; budget: { id: string; name: string; cycleId: string } | null }>(`${t(slug)}/budget-receipts/${e(code)}`, { signal }),
  results: (slug: string, cycleId: string, signal?: AbortSignal) =>
    request<{ cycleId: string; results: BudgetResult[] }>(`${t(slug)}/budget-cycles/${e(cycleId)}/results`, { signal }),
  exportUrl: (slug: string, cycleId: string, budgetId: string) => `/api/v1${t(slug)}/budget-cycles/${e(cycleId)}/export.pb?budgetId=${e(budgetId)}`,
  implementation: (slug: string, id: string, signal?: AbortSignal) => request<Implementation>(`${t(slug)}/budget-proposals/${e(id)}/implementation`, { signal }),
  follow: (slug: string, id: string, body: { email: string; locale: Locale }) =>
    request<{ confirmationRequired: boolean }>(`${t(slug)}/budget-proposals/${e(id)}/followers`, { method: 'POST', json: body }),
  photoUrl: (slug: string, file: string) => `/api/v1${t(slug)}/budget-photos/${e(file)}`,
};

const s = (slug: string) => `${t(slug)}/staff`;

/** Staff calls; the session cookie travels by itself (same origin), state changes carry the CSRF token. */
export const staffApi = {
  session: (slug: string, signal?: AbortSignal) => request<StaffSession>(`${s(slug)}/auth/session`, { signal }),
  createCycle: (slug: string, csrf: string, body: Record<string, unknown>) => request<Cycle>(`${s(slug)}/budgets/cycles`, { method: 'POST', csrf, json: body }),
  updateCycle: (slug: string, csrf: string, id: string, body: Record<string, unknown>) => request<Cycle>(`${s(slug)}/budgets/cycles/${e(id)}`, { method: 'PATCH', csrf, json: body }),
  phase: (slug: string, csrf: string, id: string, phase: Phase) => request<Cycle>(`${s(slug)}/budgets/cycles/${e(id)}/phase`, { method: 'POST', csrf, json: { phase } }),
  createBudget: (slug: string, csrf: string, cycleId: string, body: Record<string, unknown>) =>
    request<Budget>(`${s(slug)}/budgets/cycles/${e(cycleId)}/budgets`, { method: 'POST', csrf, json: body }),
  updateBudget: (slug: string, csrf: string, id: string, body: Record<string, unknown>) => request<Budget>(`${s(slug)}/budgets/budgets/${e(id)}`, { method: 'PATCH', csrf, json: body }),
  reviewList: (slug: string, cycleId: string, signal?: AbortSignal) => request<Proposal[]>(`${s(slug)}/budgets/cycles/${e(cycleId)}/proposals`, { signal }),
  review: (slug: string, csrf: string, id: string, body: { decision: 'feasible' | 'not_feasible'; reason?: string; officialCostCents?: number }) =>
    request<Proposal>(`${s(slug)}/budgets/proposals/${e(id)}/review`, { method: 'POST', csrf, json: body }),
  merge: (slug: string, csrf: string, id: string, body: { intoProposalId: string; reason: string }) =>
    request<Proposal>(`${s(slug)}/budgets/proposals/${e(id)}/merge`, { method: 'POST', csrf, json: body }),
  votingCodes: (slug: string, csrf: string, cycleId: string, body: { count: number; areaId?: string }) =>
    request<string>(`${s(slug)}/budgets/cycles/${e(cycleId)}/voting-codes`, { method: 'POST', csrf, json: body, text: true }),
  paperBallot: (slug: string, csrf: string, budgetId: string, body: { sheetNumber: string; projects: string[]; points?: number[] }) =>
    request<{ state: 'awaiting_second_entry' | 'counted' }>(`${s(slug)}/budgets/budgets/${e(budgetId)}/paper-ballots`, { method: 'POST', csrf, json: body }),
  paperStats: (slug: string, budgetId: string, signal?: AbortSignal) => request<{ awaiting: number; counted: number }>(`${s(slug)}/budgets/budgets/${e(budgetId)}/paper-ballots`, { signal }),
  tally: (slug: string, csrf: string, budgetId: string) => request<{ tallyId: string }>(`${s(slug)}/budgets/budgets/${e(budgetId)}/tallies`, { method: 'POST', csrf }),
  getTally: (slug: string, id: string, signal?: AbortSignal) => request<Tally>(`${s(slug)}/budgets/tallies/${e(id)}`, { signal }),
  publish: (slug: string, csrf: string, id: string) => request<Tally>(`${s(slug)}/budgets/tallies/${e(id)}/publish`, { method: 'POST', csrf }),
  implementation: (slug: string, csrf: string, id: string, body: { status: ImplementationStatus; progress: number; note?: string }) =>
    request<Implementation>(`${s(slug)}/budgets/proposals/${e(id)}/implementation`, { method: 'POST', csrf, json: body }),
  milestone: (slug: string, csrf: string, id: string, body: { title: string; description?: string; status?: ImplementationStatus; progress?: number; dueDate?: string }) =>
    request<Milestone>(`${s(slug)}/budgets/proposals/${e(id)}/milestones`, { method: 'POST', csrf, json: body }),
  photos: (slug: string, csrf: string, id: string, form: FormData) => request<{ accepted: number }>(`${s(slug)}/budgets/proposals/${e(id)}/photos`, { method: 'POST', csrf, body: form }),
};
