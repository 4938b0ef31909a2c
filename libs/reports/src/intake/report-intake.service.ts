import { createHash, randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig, LocalizedFieldError, OutboxWriter, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { validateAttributeAnswers } from '@app/domain';
import { PhotoStorage, checkPhotoUploads } from '@app/photos';
import { Tenant, TenantResolver, TenantsService } from '@app/tenants';
import { CategoriesRepository } from '../catalog/categories.repository';
import { ReportNotify, ReportPhotosProcess, ReportRoute } from '../report.jobs';
import { ReportChangeListeners } from '../report-change-listeners';
import { PointOwnerRepository } from './point-owner.repository';
import { ReportIntakeRepository } from './report-intake.repository';
import { ReportSubmission } from './report-submission.schema';
import { UploadedPhoto } from './uploaded-photo';

export interface SubmissionMeta {
  ip?: string;
  source: 'web' | 'open311';
  clientId?: string;
}

export interface SubmissionResult {
  id: string;
  number: string;
  status: 'received';
  tenant: { slug: string; name: string };
  trackingUrl: string;
  confirmationRequired: boolean;
  forwardedTo: { slug: string; name: string } | null;
  createdAt: Date;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * A citizen's report: every check first (fields, photos, category questions,
 * contact rules, location, rate limits), then one transaction with report,
 * contact, history, photo rows and outbox rows. A refused report stores
 * nothing: no row, no file, no job.
 */
@Injectable()
export class ReportIntakeService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly tenants: TenantsService,
    private readonly resolver: TenantResolver,
    private readonly categories: CategoriesRepository,
    private readonly intake: ReportIntakeRepository,
    private readonly owners: PointOwnerRepository,
    private readonly storage: PhotoStorage,
    private readonly outbox: OutboxWriter,
    private readonly language: RequestLanguage,
    private readonly config: AppConfig,
    private readonly listeners: ReportChangeListeners,
  ) {}

  async submit(input: ReportSubmission, photos: UploadedPhoto[], meta: SubmissionMeta): Promise<SubmissionResult> {
    const origin = this.tenants.current();
    const language = this.language.current;
    const errors: LocalizedFieldError[] = [...checkPhotoUploads(photos), ...this.checkContact(origin, input)];
    const ipHash = meta.ip ? createHash('sha256').update(`${this.config.env.APP_SECRET}:ip:${meta.ip}`).digest('hex').slice(0, 32) : undefined;

    const checked = await this.scope.transaction(async () => {
      const category = await this.categories.findByCode(input.category);
      if (!category || !category.active) {
        errors.push({ field: 'category', code: 'unknown_category', message: { de: `Unbekannte Kategorie „${input.category}“`, en: `Unknown category "${input.category}"` } });
      }
      const answers = category ? validateAttributeAnswers(category.attributes, input.attributes ?? {}) : { values: {}, errors: [] };
      errors.push(...answers.errors);
      let point = input.lat !== undefined && input.lon !== undefined ? { lat: input.lat, lon: input.lon } : null;
      if (!point && input.areaId) {
        point = await this.intake.pointOnArea(input.areaId);
        if (!point) errors.push({ field: 'areaId', code: 'unknown_area', message: { de: 'Unbekannter Ortsteil', en: 'Unknown district' } });
      }
      const inside = point ? await this.intake.coversPoint(point.lon, point.lat) : true;
      if (errors.length === 0) await this.checkRateLimits(origin, input.contactEmail, ipHash);
      return { category, attributes: answers.values, point, inside };
    });
    if (errors.length > 0 || !checked.category || !checked.point) throw fieldErrors(errors, language);

    let target: Pick<Tenant, 'id' | 'slug' | 'name'> & { settings?: Tenant['settings'] } = origin;
    let categoryId = checked.category.id;
    if (!checked.inside) {
      const owner = await this.owners.ownerOf(checked.point.lon, checked.point.lat, { tenantId: origin.id, actor: `intake:${meta.source}` });
      if (!owner) {
        throw fieldErrors([{
          field: 'lat',
          code: 'outside_every_tenant',
          message: {
            de: `Der markierte Ort liegt außerhalb von ${origin.name} und außerhalb aller Kommunen, die hier Meldungen annehmen.`,
            en: `The marked place lies outside ${origin.name} and outside every municipality that accepts reports here.`,
          },
        }], language);
      }
      const neighbour = await this.resolver.bySlug(owner.slug);
      const neighbourCategory = neighbour ? await this.scope.withTenant(neighbour.id, () => this.categories.findByCode(input.category)) : null;
      if (!neighbour || !neighbourCategory?.active) {
        throw fieldErrors([{
          field: 'category',
          code: 'category_not_offered_by_owner',
          message: {
            de: `Der Ort liegt in ${owner.name}; dort gibt es diese Kategorie nicht. Bitte direkt bei ${owner.name} melden.`,
            en: `The place lies in ${owner.name}, which does not offer this category. Please report directly to ${owner.name}.`,
          },
        }], language);
      }
      target = neighbour;
      categoryId = neighbourCategory.id;
    }

    const targetSettings = (target.settings ?? origin.settings);
    const confirmationRequired = Boolean(targetSettings.confirmationRequired && input.contactEmail);
    const uploadKeys = await this.storeUploads(target.id, photos);
    try {
      const forwarded = target.id !== origin.id;
      const created = await this.scope.withTenant(target.id, async () => {
        const report = await this.intake.insert({
          tenantId: target.id,
          categoryId,
          lon: checked.point!.lon,
          lat: checked.point!.lat,
          address: input.address,
          description: input.description,
          attributes: checked.attributes,
          locale: input.locale,
          source: forwarded ? 'forwarded' : meta.source,
          clientId: meta.clientId,
          confirmed: !confirmationRequired,
          ipHash,
          forwardedFrom: forwarded ? { tenantId: origin.id } : undefined,
          contact: { email: input.contactEmail, name: input.contactName, phone: input.contactPhone },
          photoUploadKeys: uploadKeys,
          historyNote: forwarded ? `Eingegangen über ${origin.name}; der Ort liegt in ${target.name} – weitergeleitet an ${target.name}.` : null,
        });
        const payload = { tenantId: target.id, reportId: report.id };
        if (uploadKeys.length > 0) await this.outbox.enqueue(ReportPhotosProcess, payload);
        if (!confirmationRequired) await this.outbox.enqueue(ReportRoute, payload);
        if (input.contactEmail) await this.outbox.enqueue(ReportNotify, { ...payload, kind: confirmationRequired ? 'confirm' : 'receipt' });
        return report;
      });
      if (forwarded) await this.owners.auditForward(origin.id, target.id, created.id, `intake:${meta.source}`);
      this.listeners.changed(target.id);
      return {
        id: created.id,
        number: created.number,
        status: 'received',
        tenant: { slug: target.slug, name: target.name },
        trackingUrl: `${this.config.env.PUBLIC_BASE_URL}/${target.slug}/meldungen/${created.id}`,
        confirmationRequired,
        forwardedTo: forwarded ? { slug: target.slug, name: target.name } : null,
        createdAt: created.createdAt,
      };
    } catch (error) {
      await Promise.all(uploadKeys.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
  }

  /**
   * Without an e-mail address a report is anonymous, which the tenant may
   * forbid. Confirmation applies to reports that give an address: an
   * anonymous report, where allowed, has nothing to confirm.
   */
  private checkContact(tenant: Tenant, input: ReportSubmission): LocalizedFieldError[] {
    if (input.contactEmail || tenant.settings.anonymousAllowed) return [];
    return [{ field: 'contactEmail', code: 'contact_required', message: { de: `${tenant.name} nimmt Meldungen nur mit E-Mail-Adresse an`, en: `${tenant.name} accepts reports only with an e-mail address` } }];
  }

  private async checkRateLimits(tenant: Tenant, email: string | undefined, ipHash: string | undefined): Promise<void> {
    const language = this.language.current;
    if (email && (await this.intake.countRecentByEmail(email, DAY)) >= tenant.settings.reportsPerEmailPerDay) {
      throw new HttpException({
        statusCode: 429,
        message: language === 'de' ? `Höchstens ${tenant.settings.reportsPerEmailPerDay} Meldungen pro E-Mail-Adresse und Tag` : `At most ${tenant.settings.reportsPerEmailPerDay} reports per e-mail address and day`,
      }, HttpStatus.TOO_MANY_REQUESTS);
    }
    if (ipHash && (await this.intake.countRecentByIp(ipHash, HOUR)) >= tenant.settings.reportsPerIpPerHour) {
      throw new HttpException({
        statusCode: 429,
        message: language === 'de' ? 'Zu viele Meldungen von diesem Anschluss; bitte später erneut versuchen' : 'Too many reports from this connection; please try again later',
      }, HttpStatus.TOO_MANY_REQUESTS);
    }
  }

  private async storeUploads(tenantId: string, photos: UploadedPhoto[]): Promise<string[]> {
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

  /** The e-mail link: confirms a pending report, then routes it and sends the receipt. */
  async confirm(reportId: string): Promise<'confirmed' | 'already'> {
    const tenantId = this.context.tenantId;
    const outcome = await this.scope.transaction(async () => {
      if (!(await this.intake.confirm(reportId))) return 'already' as const;
      await this.outbox.enqueue(ReportRoute, { tenantId, reportId });
      await this.outbox.enqueue(ReportNotify, { tenantId, reportId, kind: 'receipt' });
      return 'confirmed' as const;
    });
    // After the commit, so no reader can cache the state before it.
    if (outcome === 'confirmed') this.listeners.changed(tenantId);
    return outcome;
  }
}
