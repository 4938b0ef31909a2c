import { Injectable } from '@nestjs/common';
import { AppConfig, TenantScope } from '@app/core';
import { FMS_STATUS, ReportStatus, STATUS_LABELS, open311Status } from '@app/domain';
import { Tenant } from '@app/tenants';
import { Open311Document } from '../format/open311-format';
import { Open311Error } from '../format/open311-error';
import { w3cDateTime } from '../format/open311-datetime';
import { XmlValue } from '../format/xml-writer';
import { RawParams } from '../http/open311-params';
import { RequestsQuery, extensionsFlag, parseRequestsQuery } from './open311-requests-query';
import { Open311RequestsRepository, RequestRow } from './open311-requests.repository';

function statusLabel(status: string): { de: string; en: string } {
  return STATUS_LABELS[status as ReportStatus] ?? { de: status, en: status };
}

/** GET requests and requests/{id}: public reports only, never contact data. */
@Injectable()
export class Open311RequestsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly requests: Open311RequestsRepository,
    private readonly config: AppConfig,
  ) {}

  async list(tenant: Tenant, params: RawParams): Promise<Open311Document> {
    const query = parseRequestsQuery(params);
    return this.document(tenant, query);
  }

  async get(tenant: Tenant, id: string, params: RawParams): Promise<Open311Document> {
    if (!/^\d{1,18}$/.test(id)) throw Open311Error.of(404, `service_request_id: unknown request ${id.slice(0, 50)}`);
    const document = await this.document(tenant, { ids: [id], serviceCodes: [], limit: 1, offset: 0, extensions: extensionsFlag(params) });
    if (document.kind === 'list' && document.items.length === 0) throw Open311Error.of(404, `service_request_id: unknown request ${id}`);
    return document;
  }

  private async document(tenant: Tenant, query: RequestsQuery): Promise<Open311Document> {
    const rows = await this.scope.transaction(() => this.requests.find(tenant.id, query));
    return { kind: 'list', root: 'service_requests', items: rows.map((row) => this.item(tenant, row, query.extensions)) };
  }

  /** A processed photo's public URL (absolute: clients fetch it from elsewhere). */
  private photoUrl(tenant: Tenant, key: string): string {
    const file = key.split('/').pop()!;
    return `${this.config.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/media/${encodeURIComponent(tenant.slug)}/${encodeURIComponent(file)}`;
  }

  private item(tenant: Tenant, row: RequestRow, extensions: boolean): Record<string, XmlValue> {
    const at = (date: Date) => w3cDateTime(new Date(date), tenant.timeZone);
    const item: Record<string, XmlValue> = {
      service_request_id: row.number,
      status: open311Status(row.status as ReportStatus),
      status_notes: row.status_notes,
      service_name: row.service_name,
      service_code: row.service_code,
      description: row.description,
      agency_responsible: row.agency,
      service_notice: null,
      requested_datetime: at(row.created_at),
      updated_datetime: at(row.updated_at),
      expected_datetime: null,
      address: row.address,
      address_id: null,
      zipcode: null,
      lat: row.lat,
      long: row.lon,
      media_url: row.large_key ? this.photoUrl(tenant, row.large_key) : null,
    };
    if (extensions) {
      const label = statusLabel(row.status);
      item.extended_attributes = {
        detailed_status: row.status,
        detailed_status_name: label.de,
        detailed_status_name_en: label.en,
        fms_status: FMS_STATUS[row.status as ReportStatus] ?? null,
        media_urls: (row.large_keys ?? []).map((key) => this.photoUrl(tenant, key)),
      };
      item.notes = (row.notes ?? []).map((note, index) => ({
        datetime: at(new Date(note.at)),
        type: index === 0 ? 'opened' : 'update',
        status: note.status,
        summary: statusLabel(note.status).de,
        description: note.note,
      }));
    }
    return item;
  }
}
