import { Injectable } from '@nestjs/common';
import { Language, OutboxWriter, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { conflict, notFound } from '../budget-errors';
import { BudgetNotify } from '../budget.jobs';
import { CyclesService } from '../cycles/cycles.service';
import { PublicProposal, publicProposal } from '../proposals/proposals.service';
import { ProposalRow, ProposalsRepository } from '../proposals/proposals.repository';
import { MergeInput, ReviewDecision } from './review.schemas';

/**
 * Staff review: feasible (with the official cost) or not feasible (with a
 * public reason), or merged into a similar proposal. Only feasible proposals
 * reach the ballot. Every decision mails the author (idempotent per decision).
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly cycles: CyclesService,
    private readonly proposals: ProposalsRepository,
    private readonly outbox: OutboxWriter,
    private readonly language: RequestLanguage,
  ) {}

  private get lang(): Language {
    return this.language.current;
  }

  /** Staff list: every proposal of the cycle with its review state (contacts are never listed). */
  async list(cycleId: string): Promise<PublicProposal[]> {
    return this.scope.transaction(async () => {
      await this.cycles.requireCycle(cycleId);
      return (await this.proposals.proposals(cycleId)).map(publicProposal);
    });
  }

  async decide(proposalId: string, decision: ReviewDecision, actor: string): Promise<PublicProposal> {
    return this.scope.transaction(async () => {
      const proposal = await this.reviewable(proposalId);
      await this.proposals.recordReview(proposal.id, { status: decision.decision, reason: decision.reason ?? null, officialCostCents: decision.decision === 'feasible' ? decision.officialCostCents! : null }, actor);
      await this.outbox.enqueue(BudgetNotify, { tenantId: this.context.tenantId, kind: 'review-decision', id: proposal.id });
      return publicProposal((await this.proposals.proposal(proposal.id))!);
    });
  }

  async merge(proposalId: string, input: MergeInput, actor: string): Promise<PublicProposal> {
    return this.scope.transaction(async () => {
      const proposal = await this.reviewable(proposalId);
      const target = await this.proposals.proposal(input.intoProposalId);
      if (!target || target.id === proposal.id || target.cycleId !== proposal.cycleId || target.budgetId !== proposal.budgetId || target.status === 'merged' || target.status === 'not_feasible') {
        throw fieldErrors([{
          field: 'intoProposalId',
          code: 'merge_target_invalid',
          message: { de: 'Zusammenführen nur mit einem anderen, nicht abgelehnten Vorschlag desselben Budgets', en: 'Merge only into another, not rejected proposal of the same budget' },
        }], this.lang);
      }
      await this.proposals.recordMerge(proposal.id, target.id, input.reason, actor);
      await this.outbox.enqueue(BudgetNotify, { tenantId: this.context.tenantId, kind: 'review-decision', id: proposal.id });
      return publicProposal((await this.proposals.proposal(proposal.id))!);
    });
  }

  private async reviewable(proposalId: string): Promise<ProposalRow> {
    const proposal = await this.proposals.proposal(proposalId, { lock: true });
    if (!proposal) throw notFound('proposal');
    const cycle = await this.cycles.requireCycle(proposal.cycleId);
    this.cycles.assertPhase(cycle, 'review');
    if (proposal.status === 'merged') {
      throw conflict('already_merged', { de: 'Der Vorschlag ist schon zusammengeführt.', en: 'The proposal has already been merged.' }, this.lang);
    }
    return proposal;
  }
}
