import { Injectable, NotFoundException } from '@nestjs/common';
import { RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { ReportChangeListeners } from '@app/reports';
import { BoundaryImportError, BoundaryImportResult, BoundaryImportService, TenantsService } from '@app/tenants';
import { StaffAudit } from '../audit/staff-audit.service';
import { StaffContext } from '../staff-context';
import { AdminCatalogRepository, CategoryInput, DepartmentInput } from './admin-catalog.repository';
import { translateDbError } from './db-errors';

/** The tenant admin's catalogue: categories, departments, responsibility rules, areas. Every change audited. */
@Injectable()
export class AdminCatalogService {
  constructor(
    private readonly scope: TenantScope,
    private readonly tenant: TenantContext,
    private readonly tenants: TenantsService,
    private readonly catalog: AdminCatalogRepository,
    private readonly boundaries: BoundaryImportService,
    private readonly audit: StaffAudit,
    private readonly staff: StaffContext,
    private readonly listeners: ReportChangeListeners,
    private readonly language: RequestLanguage,
  ) {}

  private notFound(what: string): NotFoundException {
    return new NotFoundException({ statusCode: 404, message: `${what} not found` });
  }

  private async guarded<T>(fn: () => Promise<T>, fields: { unique?: string; foreignKey?: string }): Promise<T> {
    try {
      return await this.scope.transaction(fn);
    } catch (error) {
      throw translateDbError(error, fields, this.language.current);
    }
  }

  listCategories() {
    return this.scope.transaction(() => this.catalog.listCategories());
  }

  async createCategory(input: CategoryInput): Promise<{ id: string }> {
    const id = await this.guarded(async () => {
      const created = await this.catalog.insertCategory(this.tenant.tenantId, input);
      await this.audit.record({ action: 'category.create', targetType: 'category', targetId: created, after: input });
      return created;
    }, { unique: 'code' });
    return { id };
  }

  async updateCategory(id: string, changes: Partial<CategoryInput>): Promise<void> {
    await this.guarded(async () => {
      const before = await this.catalog.category(id);
      if (!before) throw this.notFound('Category');
      const { id: _id, ...current } = before;
      const after = { ...current, ...changes };
      await this.catalog.updateCategory(id, after);
      await this.audit.record({ action: 'category.update', targetType: 'category', targetId: id, before: current, after });
    }, { unique: 'code' });
  }

  listDepartments() {
    return this.scope.transaction(() => this.catalog.listDepartments());
  }

  async createDepartment(input: DepartmentInput): Promise<{ id: string }> {
    const id = await this.guarded(async () => {
      const created = await this.catalog.insertDepartment(this.tenant.tenantId, input);
      await this.audit.record({ action: 'department.create', targetType: 'department', targetId: created, after: input });
      return created;
    }, { unique: 'name' });
    return { id };
  }

  async updateDepartment(id: string, changes: Partial<DepartmentInput>): Promise<void> {
    await this.guarded(async () => {
      const before = await this.catalog.department(id);
      if (!before) throw this.notFound('Department');
      const { id: _id, ...current } = before;
      const after = { ...current, ...changes };
      await this.catalog.updateDepartment(id, after);
      await this.audit.record({ action: 'department.update', targetType: 'department', targetId: id, before: current, after });
    }, { unique: 'name' });
  }

  listRules() {
    return this.scope.transaction(() => this.catalog.listRules());
  }

  async createRule(input: { categoryId: string; areaId: string | null; departmentId: string }): Promise<{ id: string }> {
    const id = await this.guarded(async () => {
      const created = await this.catalog.insertRule(this.tenant.tenantId, input);
      await this.audit.record({ action: 'rule.create', targetType: 'responsibility_rule', targetId: created, after: input });
      return created;
    }, { unique: 'areaId', foreignKey: 'departmentId' });
    return { id };
  }

  async deleteRule(id: string): Promise<void> {
    await this.guarded(async () => {
      const before = await this.catalog.rule(id);
      if (!before) throw this.notFound('Rule');
      await this.catalog.deleteRule(id);
      await this.audit.record({ action: 'rule.delete', targetType: 'responsibility_rule', targetId: id, before });
    }, {});
  }

  listAreas() {
    return this.scope.transaction(() => this.catalog.listAreas());
  }

  /**
   * GeoJSON upload through the same import as the CLI (structure, validity,
   * overlaps with other tenants, districts inside the boundary); a bad file
   * stores nothing and answers with field errors.
   */
  async importAreas(geojson: unknown, replace: boolean): Promise<BoundaryImportResult> {
    const tenant = this.tenants.current();
    let result: BoundaryImportResult;
    try {
      result = await this.boundaries.importGeoJson(tenant.slug, geojson, { replace, actor: this.staff.actor });
    } catch (error) {
      if (!(error instanceof BoundaryImportError)) throw error;
      throw fieldErrors(
        error.errors.map((problem) => ({ field: problem.path ? `geojson.${problem.path}`.replace(/\.\[/g, '[').replace(/\.$/, '') : 'geojson', code: problem.code, message: { de: problem.message, en: problem.message } })),
        this.language.current,
      );
    }
    await this.scope.transaction(() => this.audit.record({ action: 'areas.import', targetType: 'areas', detail: { replace, ...result } }));
    this.listeners.changed(this.tenant.tenantId);
    return result;
  }
}
