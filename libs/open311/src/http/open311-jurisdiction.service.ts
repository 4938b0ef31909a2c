import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { TenantContext } from '@app/core';
import { CURRENT_TENANT, Tenant, TenantResolver } from '@app/tenants';
import { Open311Error } from '../format/open311-error';
import { Open311ApiKeysService } from '../keys/open311-api-keys.service';
import { Open311Client } from '../open311-client';
import { RawParams, repeated } from './open311-params';

/**
 * jurisdiction_id = tenant slug, on every call (query string or form body):
 * missing → 400, unknown → 404. Entering it sets the same CLS keys as
 * TenantRouteGuard, so every service below works as on a tenant route.
 */
@Injectable()
export class Open311JurisdictionService {
  constructor(
    private readonly resolver: TenantResolver,
    private readonly context: TenantContext,
    private readonly cls: ClsService,
    private readonly keys: Open311ApiKeysService,
  ) {}

  async enter(query: RawParams, body: RawParams): Promise<Tenant> {
    const values = new Set([...repeated(query, 'jurisdiction_id'), ...repeated(body, 'jurisdiction_id')]);
    if (values.size === 0) throw Open311Error.badRequest('jurisdiction_id', 'required (the municipality, e.g. jurisdiction_id=ilmenau)');
    if (values.size > 1) throw Open311Error.badRequest('jurisdiction_id', 'given more than once with different values');
    const slug = [...values][0];
    const tenant = await this.resolver.bySlug(slug.toLowerCase());
    if (!tenant) throw Open311Error.of(404, `jurisdiction_id: unknown jurisdiction ${slug.slice(0, 63)}`);
    this.context.set(tenant.id);
    this.cls.set(CURRENT_TENANT, tenant);
    return tenant;
  }

  /** api_key of the entered tenant; another tenant's key is as wrong as a made-up one (403). */
  async authenticate(query: RawParams, body: RawParams): Promise<Open311Client> {
    const given = repeated(body, 'api_key')[0] ?? repeated(query, 'api_key')[0];
    if (!given) throw Open311Error.of(403, 'api_key: required for this method');
    const key = await this.keys.verify(given);
    if (!key) throw Open311Error.of(403, 'api_key: invalid or revoked for this jurisdiction');
    return { keyId: key.id, name: key.name };
  }
}
