import { z } from 'zod';
import { i18nMessage } from '@app/core';

/** The phases of a cycle, in order. Each decides what citizens and staff may do (see phase-rules.ts). */
export const BUDGET_PHASES = ['preparation', 'proposals', 'review', 'voting', 'results', 'implementation'] as const;
export type BudgetPhase = (typeof BUDGET_PHASES)[number];

export const BALLOT_TYPES = ['approval', 'knapsack', 'cumulative', 'ranked'] as const;
export type BudgetBallotType = (typeof BALLOT_TYPES)[number];

/** Limits of a ballot; which apply depends on the ballot type (checked in budgets.service.ts). */
export const ballotRulesSchema = z
  .object({
    /** approval/knapsack/ranked: fewest and most projects on one ballot. */
    minProjects: z.number().int().min(0).max(1000).optional(),
    maxProjects: z.number().int().min(1).max(1000).optional(),
    /** knapsack: the cap on the total cost of a ballot; default the budget's amount. */
    maxCostCents: z.number().int().min(1).optional(),
    /** cumulative: points each voter distributes, and the most on one project. */
    totalPoints: z.number().int().min(1).max(1000).optional(),
    maxPointsPerProject: z.number().int().min(1).max(1000).optional(),
    /** ranked: rank at most this many projects (top k). */
    rankLength: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type BallotRules = z.infer<typeof ballotRulesSchema>;

/** The aggregation rule with its options, frozen with the ballot rules when voting opens. */
export const aggregationSchema = z.discriminatedUnion('rule', [
  z
    .object({
      rule: z.literal('greedy'),
      variant: z.enum(['greedy', 'greedy-no-skip', 'greedy-threshold']).default('greedy'),
      threshold: z.number().int().min(0).optional(),
    })
    .strict(),
  z
    .object({
      rule: z.literal('equal-shares'),
      perVoterBudget: z.enum(['integral', 'exact']).default('integral'),
      /** Add1 step per voter in whole currency units; 0 = plain MES. */
      increment: z.number().int().min(0).max(1000).default(1),
      exhaustiveStop: z.boolean().default(true),
      utilitarianCompletion: z.boolean().default(false),
      comparison: z.enum(['none', 'more-winners', 'exclusion']).default('none'),
    })
    .strict(),
  z
    .object({
      rule: z.literal('phragmen'),
      variant: z.enum(['stop', 'skip']).default('stop'),
      greedyCompletion: z.boolean().default(false),
    })
    .strict(),
]);
export type Aggregation = z.output<typeof aggregationSchema>;

export const euroCents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const budgetInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** A district (area of kind district) of the tenant; omitted or null: city-wide. */
    areaId: z.string().uuid().nullable().optional(),
    amountCents: euroCents.refine((value) => value > 0, i18nMessage('too_small', 'Der Betrag muss größer als 0 sein', 'The amount must be greater than 0')),
    ballotType: z.enum(BALLOT_TYPES).default('approval'),
    ballotRules: ballotRulesSchema.default({}),
    aggregation: aggregationSchema.default({ rule: 'greedy', variant: 'greedy' }),
  })
  .strict();
export type BudgetInput = z.output<typeof budgetInputSchema>;

export const budgetUpdateSchema = budgetInputSchema.partial().strict();
export type BudgetUpdate = z.output<typeof budgetUpdateSchema>;

const phaseStarts = {
  proposalsStart: z.coerce.date().nullable().optional(),
  reviewStart: z.coerce.date().nullable().optional(),
  votingStart: z.coerce.date().nullable().optional(),
  resultsStart: z.coerce.date().nullable().optional(),
  implementationStart: z.coerce.date().nullable().optional(),
};

export const cycleInputSchema = z
  .object({
    year: z.number().int().min(2000).max(2200),
    title: z.string().trim().min(1).max(200),
    ...phaseStarts,
    eligibilityEmail: z.boolean().default(true),
    eligibilityCodes: z.boolean().default(false),
    residencyRequired: z.boolean().default(false),
  })
  .strict();
export type CycleInput = z.output<typeof cycleInputSchema>;

export const cycleUpdateSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    ...phaseStarts,
    eligibilityEmail: z.boolean().optional(),
    eligibilityCodes: z.boolean().optional(),
    residencyRequired: z.boolean().optional(),
  })
  .strict();
export type CycleUpdate = z.output<typeof cycleUpdateSchema>;

export interface BudgetCycle {
  id: string;
  year: number;
  title: string;
  kind: 'official' | 'simulation';
  phase: BudgetPhase;
  phaseChangedAt: Date;
  schedule: Record<'proposals' | 'review' | 'voting' | 'results' | 'implementation', Date | null>;
  eligibility: { email: boolean; codes: boolean; residencyRequired: boolean };
  currency: string;
}

export interface Budget {
  id: string;
  cycleId: string;
  areaId: string | null;
  areaName: string | null;
  name: string;
  amountCents: number;
  ballotType: BudgetBallotType;
  ballotRules: BallotRules;
  aggregation: Aggregation;
  rulesFrozenAt: Date | null;
}
