import { randomBytes } from 'node:crypto';
import { HttpException, Injectable } from '@nestjs/common';
import { FieldError, FieldValidationException, RequestLanguage, TenantScope, translateIssue } from '@app/core';
import { ReportIntakeService, SubmissionResult, UploadedPhoto, reportSubmissionSchema } from '@app/reports';
import { Tenant, TenantResolver } from '@app/tenants';
import { Open311Document } from '../format/open311-format';
import { Open311Error } from '../format/open311-error';
import { RawParams, attributeAnswers, decimal, rawScalar, repeated, scalar } from '../http/open311-params';
import { Open311Client } from '../open311-client';
import { Open311ServicesService, serviceType } from '../services/open311-services.service';
import { Open311SubmissionsRepository } from './open311-submissions.repository';

/** FixMyStreet's marker for "no address id"; it means nothing. */
const NOT_PINPOINTED = '#NOTPINPOINTED#';
const MAX_MEDIA_URLS = 10;

/** Our intake's field names → the Open311 parameter the client sent. */
export function open311FieldName(field: string): string {
  if (field === 'category') return 'service_code';
  if (field === 'lon') return 'long';
  if (field === 'address') return 'address_string';
  if (field === 'areaId') return 'address_id';
  if (field === 'contactEmail') return 'email';
  if (field === 'contactName') return 'first_name/last_name';
  if (field === 'contactPhone') return 'phone';
  if (field === 'photos' || field.startsWith('photos[')) return field.replace(/^photos/, 'media');
  const attribute = /^attributes\.(.+)$/.exec(field);
  if (attribute) return `attribute[${attribute[1]}]`;
  return field;
}

function mediaUrls(params: RawParams): string[] {
  const urls = repeated(params, 'media_url');
  if (urls.length > MAX_MEDIA_URLS) throw Open311Error.badRequest('media_url', `at most ${MAX_MEDIA_URLS} URLs`);
  for (const url of urls) {
    let parsed: URL | null = null;
    try {
      parsed = url.length <= 2000 ? new URL(url) : null;
    } catch {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw Open311Error.badRequest('media_url', 'must be an absolute http(s) URL of at most 2000 characters');
  }
  return [...new Set(urls)];
}

/**
 * POST requests: Open311 parameters → the intake's submission (the very
 * checks the web form gets), then what only Open311 has: device/account ids
 * and media URLs, and a token for batch tenants.
 */
@Injectable()
export class Open311SubmitService {
  constructor(
    private readonly scope: TenantScope,
    private readonly services: Open311ServicesService,
    private readonly intake: ReportIntakeService,
    private readonly submissions: Open311SubmissionsRepository,
    private readonly resolver: TenantResolver,
    private readonly language: RequestLanguage,
  ) {}

  async create(tenant: Tenant, client: Open311Client, params: RawParams, photos: UploadedPhoto[]): Promise<Open311Document> {
    const category = await this.services.find(scalar(params, 'service_code'));
    const point = this.location(tenant, params);
    const urls = mediaUrls(params);
    const firstName = scalar(params, 'first_name');
    const lastName = scalar(params, 'last_name');
    const description = rawScalar(params, 'description');
    const deviceId = scalar(params, 'device_id') ?? scalar(params, 'deviceid');
    const accountId = scalar(params, 'account_id');
    if (deviceId && deviceId.length > 200) throw Open311Error.badRequest('device_id', 'at most 200 characters');
    if (accountId && accountId.length > 200) throw Open311Error.badRequest('account_id', 'at most 200 characters');

    const parsed = reportSubmissionSchema.safeParse({
      category: category.code,
      lat: point.lat,
      lon: point.lon,
      address: scalar(params, 'address_string'),
      // Open311 makes the description optional; the service's name then says what it is about.
      description: description ?? category.name.de,
      attributes: attributeAnswers(params),
      contactEmail: scalar(params, 'email'),
      contactName: [firstName, lastName].filter(Boolean).join(' ') || undefined,
      contactPhone: scalar(params, 'phone'),
      locale: 'de',
    });
    if (!parsed.success) {
      const errors: FieldError[] = parsed.error.issues.map((issue) => translateIssue(issue as never, this.language.current));
      throw Open311Error.fromFieldErrors(400, errors, open311FieldName);
    }

    let result: SubmissionResult;
    try {
      // No IP: one client server speaks for many citizens; its API key identifies it.
      result = await this.intake.submit(parsed.data, photos, { source: 'open311', clientId: client.keyId });
    } catch (error) {
      if (error instanceof FieldValidationException) throw Open311Error.fromFieldErrors(400, error.fieldErrors, open311FieldName);
      if (error instanceof HttpException && error.getStatus() < 500) {
        const body = error.getResponse() as { message?: string } | string;
        throw Open311Error.of(error.getStatus(), typeof body === 'string' ? body : body.message ?? 'refused');
      }
      throw error;
    }

    const target = result.forwardedTo ? await this.resolver.bySlug(result.forwardedTo.slug) : tenant;
    await this.scope.withTenant((target ?? tenant).id, () =>
      this.submissions.insertSubmission({ tenantId: (target ?? tenant).id, reportId: result.id, clientName: client.name, deviceId, accountId, mediaUrls: urls }),
    );
    const serviceNotice = result.forwardedTo
      ? `Der Ort liegt in ${result.forwardedTo.name}; die Meldung wurde dorthin weitergeleitet. Abfragen mit jurisdiction_id=${result.forwardedTo.slug}.`
      : result.confirmationRequired
        ? 'Die Meldung wird veröffentlicht, sobald die meldende Person den Link in der Bestätigungs-E-Mail öffnet.'
        : null;

    if (serviceType(tenant) === 'batch') {
      const token = randomBytes(18).toString('base64url');
      await this.scope.transaction(() => this.submissions.insertToken(tenant.id, token, result.number, (target ?? tenant).id));
      return { kind: 'list', root: 'service_requests', items: [{ token, service_notice: serviceNotice, account_id: null }] };
    }
    return { kind: 'list', root: 'service_requests', items: [{ service_request_id: result.number, service_notice: serviceNotice, account_id: null }] };
  }

  /** lat+long, or 400: an address alone would need geocoding, which no tenant has configured. */
  private location(tenant: Tenant, params: RawParams): { lat: number; lon: number } {
    const latValue = scalar(params, 'lat');
    const longValue = scalar(params, 'long');
    if (latValue !== undefined && longValue !== undefined) {
      const lat = decimal(latValue);
      const lon = decimal(longValue);
      if (lat === null || lat < -90 || lat > 90) throw Open311Error.badRequest('lat', 'must be a WGS84 latitude from -90 to 90');
      if (lon === null || lon < -180 || lon > 180) throw Open311Error.badRequest('long', 'must be a WGS84 longitude from -180 to 180');
      return { lat, lon };
    }
    if (latValue !== undefined || longValue !== undefined) throw Open311Error.badRequest(latValue === undefined ? 'lat' : 'long', 'lat and long must be sent together');
    const addressId = scalar(params, 'address_id');
    if (scalar(params, 'address_string') !== undefined || (addressId !== undefined && addressId !== NOT_PINPOINTED)) {
      throw Open311Error.badRequest('lat', `${tenant.name} has no geocoding configured: send lat and long (address_string is stored as the address text)`);
    }
    throw Open311Error.badRequest('lat', 'a location is required: send lat and long');
  }
}
