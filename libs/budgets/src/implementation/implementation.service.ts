import { Injectable, NotFoundException } from '@nestjs/common';
import { PhotoStorage } from '@app/photos';
import { Language, OutboxWriter, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { BudgetSecrets } from '../budget-secrets';
import { conflict, notFound } from '../budget-errors';
import { BudgetNotify, BudgetPhotosProcess } from '../budget.jobs';
import { CyclesService } from '../cycles/cycles.service';
import { EmailInput } from '../proposals/proposal.schemas';
import { ProposalRow, ProposalsRepository } from '../proposals/proposals.repository';
import { checkPhotoUploads } from '@app/photos';
import { ProposalsService, UploadedFile } from '../proposals/proposals.service';
import { ImplementationUpdate, MilestoneInput, MilestoneUpdate } from './implementation.schemas';
import { ImplementationRepository, Milestone as MilestoneRow } from './implementation.repository';

export interface PublicImplementation {
  proposalId: string;
  status: string | null;
  progress: number;
  milestones: MilestoneRow[];
  updates: Array<{ status: string; progress: number; note: string | null; at: Date }>;
  photos: Array<{ milestoneId: string | null; large: string; thumb: string }>;
}

/**
 * Implementation tracking of funded projects: status, progress, milestones
 * and photos, public on the proposal; every status update mails the
 * confirmed followers (double opt-in, one-click unsubscribe).
 */
@Injectable()
export class ImplementationService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly cycles: CyclesService,
    private readonly proposals: ProposalsRepository,
    private readonly proposalsService: ProposalsService,
    private readonly implementation: ImplementationRepository,
    private readonly outbox: OutboxWriter,
    private readonly secrets: BudgetSecrets,
    private readonly storage: PhotoStorage,
    private readonly language: RequestLanguage,
  ) {}

  private get lang(): Language {
    return this.language.current;
  }

  private async funded(proposalId: string): Promise<ProposalRow> {
    const proposal = await this.proposals.proposal(proposalId, { lock: true });
    if (!proposal) throw notFound('proposal');
    const cycle = await this.cycles.requireCycle(proposal.cycleId);
    this.cycles.assertPhase(cycle, 'track-implementation');
    if (!proposal.funded) throw conflict('not_funded', { de: 'Nur geförderte Projekte werden umgesetzt.', en: 'Only funded projects are implemented.' }, this.lang);
    return proposal;
  }

  async update(proposalId: string, update: ImplementationUpdate): Promise<PublicImplementation> {
    const tenantId = this.context.tenantId;
    await this.scope.transaction(async () => {
      await this.funded(proposalId);
      const updateId = await this.implementation.recordUpdate(tenantId, proposalId, update.status, update.progress, update.note ?? null);
      await this.outbox.enqueue(BudgetNotify, { tenantId, kind: 'implementation-update', id: updateId });
    });
    return this.view(proposalId);
  }

  async addMilestone(proposalId: string, input: MilestoneInput): Promise<MilestoneRow> {
    const tenantId = this.context.tenantId;
    return this.scope.transaction(async () => {
      await this.funded(proposalId);
      const id = await this.implementation.insertMilestone(tenantId, proposalId, input);
      return (await this.implementation.milestones(proposalId)).find((milestone) => milestone.id === id)!;
    });
  }

  async updateMilestone(milestoneId: string, update: MilestoneUpdate): Promise<MilestoneRow> {
    return this.scope.transaction(async () => {
      const proposalId = await this.implementation.milestoneProposal(milestoneId);
      if (!proposalId) throw notFound('milestone');
      await this.funded(proposalId);
      await this.implementation.updateMilestone(milestoneId, update);
      return (await this.implementation.milestones(proposalId)).find((milestone) => milestone.id === milestoneId)!;
    });
  }

  async addPhotos(proposalId: string, milestoneId: string | undefined, photos: UploadedFile[]): Promise<{ accepted: number }> {
    const tenantId = this.context.tenantId;
    const errors = checkPhotoUploads(photos);
    if (photos.length === 0) errors.push({ field: 'photos', code: 'required', message: { de: 'Mindestens ein Foto', en: 'At least one photo' } });
    if (errors.length > 0) throw fieldErrors(errors, this.lang);
    await this.scope.transaction(async () => {
      await this.funded(proposalId);
      if (milestoneId && (await this.implementation.milestoneProposal(milestoneId)) !== proposalId) throw notFound('milestone');
    });
    const keys = await this.proposalsService.storeUploads(tenantId, photos);
    try {
      await this.scope.transaction(async () => {
        await this.proposals.insertPhotos(tenantId, proposalId, milestoneId ?? null, keys);
        await this.outbox.enqueue(BudgetPhotosProcess, { tenantId, proposalId });
      });
    } catch (error) {
      await Promise.all(keys.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
    return { accepted: keys.length };
  }

  async view(proposalId: string): Promise<PublicImplementation> {
    return this.scope.transaction(async () => {
      const proposal = await this.proposals.proposal(proposalId);
      if (!proposal) throw notFound('proposal');
      return {
        proposalId,
        status: proposal.implementationStatus,
        progress: proposal.progress,
        milestones: proposal.funded ? await this.implementation.milestones(proposalId) : [],
        updates: proposal.funded ? await this.implementation.updates(proposalId) : [],
        photos: (await this.proposals.photos(proposalId)).filter((photo) => photo.milestoneId !== null || proposal.funded),
      };
    });
  }

  async follow(proposalId: string, input: EmailInput): Promise<{ confirmationRequired: boolean }> {
    const tenantId = this.context.tenantId;
    return this.scope.transaction(async () => {
      const proposal = await this.proposals.proposal(proposalId);
      if (!proposal) throw notFound('proposal');
      const follower = await this.implementation.insertFollower(tenantId, proposalId, input.email.toLowerCase(), input.locale);
      if (follower.confirmed) return { confirmationRequired: false };
      if (follower.created) await this.outbox.enqueue(BudgetNotify, { tenantId, kind: 'follow-confirm', id: follower.id });
      return { confirmationRequired: true };
    });
  }

  async confirmFollower(followerId: string, token: string): Promise<string> {
    if (!this.secrets.verify('budget-follow-confirm', followerId, token)) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
    const proposalId = await this.scope.transaction(() => this.implementation.confirmFollower(followerId));
    if (!proposalId) throw notFound('follower');
    return proposalId;
  }

  async unsubscribe(followerId: string, token: string): Promise<string> {
    if (!this.secrets.verify('budget-follow-unsubscribe', followerId, token)) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
    const proposalId = await this.scope.transaction(() => this.implementation.unsubscribeFollower(followerId));
    if (!proposalId) throw notFound('follower');
    return proposalId;
  }
}
