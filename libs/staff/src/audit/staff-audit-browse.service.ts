import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { AuditFilter, AuditRow, StaffAuditRepository } from './staff-audit.repository';

const CSV_COLUMNS = ['id', 'at', 'actor', 'actorUserId', 'action', 'targetType', 'targetId', 'before', 'after', 'detail'] as const;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Spreadsheet formula injection: a leading =, +, - or @ is neutralised.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Admins browse the audit log (newest first, keyset paging) and export it as streamed CSV. */
@Injectable()
export class StaffAuditBrowseService {
  constructor(
    private readonly scope: TenantScope,
    private readonly audit: StaffAuditRepository,
  ) {}

  async list(filter: AuditFilter, limit: number, beforeId?: string): Promise<{ items: AuditRow[]; nextBeforeId: string | null }> {
    const items = await this.scope.transaction(() => this.audit.list(filter, { limit: limit + 1, beforeId }));
    return { items: items.slice(0, limit), nextBeforeId: items.length > limit ? items[limit - 1].id : null };
  }

  /** Yields CSV lines in batches of 500 rows: the log is never loaded whole. */
  async *exportCsv(filter: AuditFilter): AsyncGenerator<string> {
    yield `${CSV_COLUMNS.join(',')}\n`;
    let after = '0';
    for (;;) {
      const batch = await this.scope.transaction(() => this.audit.batchAfter(filter, after, 500));
      if (batch.length === 0) return;
      yield batch.map((row) => `${CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')}\n`).join('');
      after = batch[batch.length - 1].id;
    }
  }
}
