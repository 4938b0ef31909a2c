import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { Language, OutboxWriter, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { PhotoStorage, checkPhotoUploads } from '@app/photos';
import { BudgetSecrets } from '../budget-secrets';
import { notFound } from '../budget-errors';
import { BudgetNotify, BudgetPhotosProcess } from '../budget.jobs';
import { CyclesRepository } from '../cycles/cycles.repository';
import { CyclesService } from '../cycles/cycles.service';
import { EmailInput, ProposalSubmission } from './proposal.schemas';
import { ProposalRow, ProposalsRepository } from './proposals.repository';

export interface UploadedFile {
  buffer: Buffer;
  size: number;
}

/** What anyone may see of a proposal: never the author's contact. */
export interface PublicProposal {
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
  status: ProposalRow['status'];
  reviewReason: string | null;
  mergedInto: string | null;
  supports: number;
  funded: boolean;
  implementation: { status: string | null; progress: number } | null;
  createdAt: Date;
}

export function publicProposal(row: ProposalRow): PublicProposal {
  return {
    id: row.id,
    number: row.number,
    cycleId: row.cycleId,
    budgetId: row.budgetId,
    title: row.title,
    description: row.description,
    category: row.category,
    estimatedCostCents: row.estimatedCostCents,
    officialCostCents: row.officialCostCents,
    location: row.location,
    areaId: row.areaId,
    status: row.status,
    reviewReason: row.reviewReason,
    mergedInto: row.mergedInto,
    supports: row.supports,
    funded: row.funded,
    implementation: row.funded ? { status: row.implementationStatus, progress: row.progress } : null,
    createdAt: row.createdAt,
  };
}

/**
 * Proposals and supports. A proposal goes to the budget of the district its
 * location lies in (PostGIS ST_Covers), else to the city-wide budget; every
 * check runs before the one transaction that stores it, photos included.
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly cycles: CyclesService,
    private readonly cycleRows: CyclesRepository,
    private readonly proposals: ProposalsRepository,
    private readonly storage: PhotoStorage,
    private readonly outbox: OutboxWriter,
    private readonly secrets: BudgetSecrets,
    private readonly language: RequestLanguage,
  ) {}

  private get lang(): Language {
    return this.language.current;
  }

  async submit(cycleId: string, input: ProposalSubmission, photos: UploadedFile[]): Promise<PublicProposal> {
    const tenantId = this.context.tenantId;
    const errors = checkPhotoUploads(photos);
    const placed = await this.scope.transaction(async () => {
      const cycle = await this.cycles.requireCycle(cycleId);
      this.cycles.assertPhase(cycle, 'propose');
      const point = input.lat !== undefined && input.lon !== undefined ? { lat: input.lat, lon: input.lon } : null;
      if (point && !(await this.proposals.insideTenant(point.lon, point.lat))) {
        errors.push({ field: 'lat', code: 'outside_tenant', message: { de: 'Der Ort liegt außerhalb der Kommune', en: 'The place lies outside the municipality' } });
        return null;
      }
      const district = point ? await this.proposals.districtBudgetAt(cycleId, point.lon, point.lat) : null;
      const budgetId = district?.budgetId ?? (await this.cycleRows.budgetForArea(cycleId, null));
      if (!budgetId) {
        errors.push({
          field: point ? 'lat' : 'lon',
          code: 'no_budget_for_location',
          message: point
            ? { de: 'Für diesen Ort gibt es kein Budget (weder Ortsteil noch gesamtstädtisch)', en: 'No budget covers this place (neither a district nor the city-wide one)' }
            : { de: 'Ohne Ort geht ein Vorschlag ins gesamtstädtische Budget; das gibt es hier nicht. Bitte einen Ort angeben.', en: 'Without a place a proposal goes to the city-wide budget, which this cycle lacks. Please give a place.' },
        });
        return null;
      }
      const areaId = point ? (district?.areaId ?? (await this.proposals.districtAt(point.lon, point.lat))) : null;
      return { point, budgetId, areaId };
    });
    if (errors.length > 0 || !placed) throw fieldErrors(errors, this.lang);

    const keys = await this.storeUploads(tenantId, photos);
    try {
      return await this.scope.transaction(async () => {
        const created = await this.proposals.insert({
          tenantId, cycleId, budgetId: placed.budgetId, title: input.title, description: input.description, category: input.category,
          estimatedCostCents: input.estimatedCostCents, point: placed.point, areaId: placed.areaId, locale: input.locale,
          contact: { email: input.contactEmail.toLowerCase(), name: input.contactName }, photoUploadKeys: keys,
        });
        if (keys.length > 0) await this.outbox.enqueue(BudgetPhotosProcess, { tenantId, proposalId: created.id });
        return publicProposal((await this.proposals.proposal(created.id))!);
      });
    } catch (error) {
      await Promise.all(keys.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
  }

  async storeUploads(tenantId: string, photos: UploadedFile[]): Promise<string[]> {
    const keys: string[] = [];
    try {
      for (const photo of photos) {
        const key = `${tenantId}/uploads/${randomUUID()}`;
        await this.storage.put(key, photo.buffer, 'application/octet-stream');
        keys.push(key);
      }
      return keys;
    } catch (error) {
      await Promise.all(keys.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
  }

  async list(cycleId: string, filter: { budgetId?: string; status?: string }): Promise<PublicProposal[]> {
    return this.scope.transaction(async () => {
      await this.cycles.requireCycle(cycleId);
      return (await this.proposals.proposals(cycleId, filter)).map(publicProposal);
    });
  }

  async detail(proposalId: string): Promise<PublicProposal & { photos: Array<{ milestoneId: string | null; large: string; thumb: string }> }> {
    return this.scope.transaction(async () => {
      const row = await this.proposals.proposal(proposalId);
      if (!row) throw notFound('proposal');
      return { ...publicProposal(row), photos: await this.proposals.photos(proposalId) };
    });
  }

  /** One support per e-mail address and proposal; it counts after the address is confirmed by link. */
  async support(proposalId: string, input: EmailInput): Promise<{ confirmationRequired: boolean }> {
    const tenantId = this.context.tenantId;
    return this.scope.transaction(async () => {
      const proposal = await this.proposals.proposal(proposalId);
      if (!proposal) throw notFound('proposal');
      const cycle = await this.cycles.requireCycle(proposal.cycleId);
      this.cycles.assertPhase(cycle, 'support');
      const support = await this.proposals.insertSupport(tenantId, proposalId, input.email.toLowerCase(), input.locale);
      if (support.confirmed) return { confirmationRequired: false };
      if (support.created) await this.outbox.enqueue(BudgetNotify, { tenantId, kind: 'support-confirm', id: support.id });
      return { confirmationRequired: true };
    });
  }

  async confirmSupport(supportId: string, token: string): Promise<{ proposalId: string; cycleId: string }> {
    if (!this.secrets.verify('budget-support-confirm', supportId, token)) throw new NotFoundException({ statusCode: 404, message: 'Invalid or expired link' });
    return this.scope.transaction(async () => {
      const found = await this.proposals.supportProposal(supportId);
      if (!found) throw notFound('support');
      const cycle = await this.cycles.requireCycle(found.cycleId);
      this.cycles.assertPhase(cycle, 'support');
      await this.proposals.confirmSupport(supportId);
      return found;
    });
  }

  async photo(file: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}(-thumb)?\.webp$/.test(file)) throw notFound('photo');
    const key = `${this.context.tenantId}/${file}`;
    const visible = await this.scope.transaction(() => this.proposals.photoVisible(key));
    const body = visible ? await this.storage.get(key) : null;
    if (!body) throw notFound('photo');
    return body;
  }
}
