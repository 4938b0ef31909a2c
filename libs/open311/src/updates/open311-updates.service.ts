import { Injectable } from '@nestjs/common';
import { OutboxWriter, TenantScope } from '@app/core';
import { FMS_STATUS, ReportStatus } from '@app/domain';
import { ReportChangeListeners, ReportNotify } from '@app/reports';
import { Tenant } from '@app/tenants';
import { Open311Document } from '../format/open311-format';
import { Open311Error } from '../format/open311-error';
import { parseZonedDateTime, w3cDateTime } from '../format/open311-datetime';
import { RawParams, rawScalar, repeated, scalar } from '../http/open311-params';
import { Open311Client } from '../open311-client';
import { Open311UpdatesRepository } from './open311-updates.repository';

const DAY_MS = 24 * 3600_000;
const MAX_SPAN_DAYS = 90;

/** The extended statuses FixMyStreet posts. */
export const FMS_UPDATE_STATUSES = [
  'OPEN', 'CLOSED', 'FIXED', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'INVESTIGATING', 'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY', 'NO_FURTHER_ACTION', 'INTERNAL_REFERRAL', 'FOR_TRIAGE', 'CANCELLED', 'REOPEN',
] as const;

/** Statuses that say "this is open": sent for a report we have closed, they reopen it. */
const OPEN_CLAIMS = new Set(['OPEN', 'REOPEN', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'INVESTIGATING', 'FOR_TRIAGE']);

function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

function dateParam(params: RawParams, name: string): Date | undefined {
  const value = scalar(params, name);
  if (value === undefined) return undefined;
  const date = parseZonedDateTime(value);
  if (!date) throw Open311Error.badRequest(name, 'must be a W3C/ISO 8601 date-time with a time zone, e.g. 2026-11-20T00:00:00Z');
  return date;
}

/**
 * FixMyStreet's update exchange. GET: public history entries (staff status
 * changes and notes, citizens' updates) as request_update. POST: a citizen's
 * update from the client becomes a public history entry; an "open" status on
 * a closed report reopens it (in_progress). Closing is staff work: a client's
 * FIXED/CLOSED is kept as a note only.
 */
@Injectable()
export class Open311UpdatesService {
  constructor(
    private readonly scope: TenantScope,
    private readonly updates: Open311UpdatesRepository,
    private readonly outbox: OutboxWriter,
    private readonly listeners: ReportChangeListeners,
  ) {}

  async list(tenant: Tenant, params: RawParams, now = new Date()): Promise<Open311Document> {
    let from = dateParam(params, 'start_date');
    let to = dateParam(params, 'end_date');
    if (!to) to = from ? new Date(Math.min(now.getTime(), from.getTime() + DAY_MS)) : now;
    if (!from) from = new Date(to.getTime() - DAY_MS);
    if (to < from) throw Open311Error.badRequest('end_date', 'must not be before start_date');
    if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) throw Open311Error.badRequest('end_date', `start_date and end_date may be at most ${MAX_SPAN_DAYS} days apart`);
    const rows = await this.scope.transaction(() => this.updates.between(tenant.id, from!, to!));
    return {
      kind: 'list',
      root: 'service_request_updates',
      items: rows.map((row) => ({
        update_id: row.id,
        service_request_id: row.number,
        status: FMS_STATUS[row.status as ReportStatus] ?? 'OPEN',
        updated_datetime: w3cDateTime(new Date(row.at), tenant.timeZone),
        description: row.note ?? '',
        media_url: null,
        external_status_code: row.status,
      })),
    };
  }

  async post(tenant: Tenant, client: Open311Client, params: RawParams): Promise<Open311Document> {
    const number = scalar(params, 'service_request_id');
    if (!number) throw Open311Error.badRequest('service_request_id', 'required');
    const statusValue = scalar(params, 'status');
    if (!statusValue) throw Open311Error.badRequest('status', `required, one of ${FMS_UPDATE_STATUSES.join(', ')}`);
    const status = statusValue.toUpperCase().replace(/[\s-]+/g, '_');
    if (!(FMS_UPDATE_STATUSES as readonly string[]).includes(status)) throw Open311Error.badRequest('status', `unknown status ${statusValue.slice(0, 50)}; allowed: ${FMS_UPDATE_STATUSES.join(', ')}`);
    const description = plainText(rawScalar(params, 'description') ?? '');
    if (description.length > 4000) throw Open311Error.badRequest('description', 'at most 4000 characters');
    const clientUpdateId = scalar(params, 'update_id_ext') ?? scalar(params, 'update_id');
    if (clientUpdateId && clientUpdateId.length > 200) throw Open311Error.badRequest('update_id', 'at most 200 characters');
    const mediaUrls = repeated(params, 'media_url').filter((url) => /^https?:\/\//i.test(url) && url.length <= 2000).slice(0, 10);

    const outcome = await this.scope.transaction(async () => {
      const report = /^\d{1,18}$/.test(number) ? await this.updates.lockPublicReport(number) : null;
      if (!report) throw Open311Error.of(404, `service_request_id: unknown request ${number.slice(0, 50)}`);
      if (clientUpdateId) {
        const earlier = await this.updates.findReceipt(client.keyId, clientUpdateId);
        if (earlier) return { historyId: earlier, reopened: false };
      }
      const reopen = OPEN_CLAIMS.has(status) && !report.is_open;
      if (!reopen && !description) throw Open311Error.badRequest('description', 'required unless the update reopens the request');
      const newStatus = reopen ? ReportStatus.InProgress : report.status;
      const note = description || `Von der meldenden Person wieder geöffnet (über ${client.name}).`;
      if (reopen) await this.updates.reopen(report.id, newStatus);
      else await this.updates.touch(report.id);
      const historyId = await this.updates.insertHistory(tenant.id, report.id, newStatus, note, `open311:${client.name}`.slice(0, 200));
      await this.updates.insertReceipt(tenant.id, client.keyId, clientUpdateId, historyId, mediaUrls);
      if (reopen) await this.outbox.enqueue(ReportNotify, { tenantId: tenant.id, reportId: report.id, kind: 'status', historyId });
      return { historyId, reopened: reopen };
    });
    this.listeners.changed(tenant.id);
    return { kind: 'list', root: 'service_request_updates', items: [{ update_id: outcome.historyId }] };
  }
}
