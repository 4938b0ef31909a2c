import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { CategoryAttribute } from '@app/domain';

export interface CategoryInput {
  code: string;
  name: { de: string; en: string };
  description: { de: string; en: string };
  group: { de: string; en: string };
  keywords: string[];
  attributes: CategoryAttribute[];
  active: boolean;
  sortOrder: number;
  firstResponseHours: number | null;
}

export interface DepartmentInput {
  name: string;
  email: string;
  active: boolean;
}

const CATEGORY_COLUMNS = `id, code, json_build_object('de', name_de, 'en', name_en) AS name, json_build_object('de', description_de, 'en', description_en) AS description,
  json_build_object('de', group_de, 'en', group_en) AS "group", keywords, attributes, active, sort_order AS "sortOrder", first_response_hours AS "firstResponseHours"`;

/** Categories, departments, responsibility rules and areas of the current tenant. */
@Injectable()
export class AdminCatalogRepository {
  constructor(private readonly scope: TenantScope) {}

  private query(sql: string, params: unknown[] = []): Promise<any[]> {
    return this.scope.manager.query(sql, params);
  }

  listCategories(): Promise<Array<CategoryInput & { id: string }>> {
    return this.query(`SELECT ${CATEGORY_COLUMNS} FROM categories ORDER BY sort_order, code`);
  }

  async category(id: string): Promise<(CategoryInput & { id: string }) | null> {
    return (await this.query(`SELECT ${CATEGORY_COLUMNS} FROM categories WHERE id = $1`, [id]))[0] ?? null;
  }

  async insertCategory(tenantId: string, input: CategoryInput): Promise<string> {
    const [row] = await this.query(
      `INSERT INTO categories (tenant_id, code, name_de, name_en, description_de, description_en, group_de, group_en, keywords, attributes, active, sort_order, first_response_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13) RETURNING id`,
      [tenantId, input.code, input.name.de, input.name.en, input.description.de, input.description.en, input.group.de, input.group.en, input.keywords, JSON.stringify(input.attributes), input.active, input.sortOrder, input.firstResponseHours],
    );
    return row.id;
  }

  async updateCategory(id: string, input: CategoryInput): Promise<void> {
    await this.query(
      `UPDATE categories SET code = $2, name_de = $3, name_en = $4, description_de = $5, description_en = $6, group_de = $7, group_en = $8, keywords = $9, attributes = $10::jsonb,
              active = $11, sort_order = $12, first_response_hours = $13 WHERE id = $1`,
      [id, input.code, input.name.de, input.name.en, input.description.de, input.description.en, input.group.de, input.group.en, input.keywords, JSON.stringify(input.attributes), input.active, input.sortOrder, input.firstResponseHours],
    );
  }

  listDepartments(): Promise<Array<DepartmentInput & { id: string }>> {
    return this.query(`SELECT id, name, email, active FROM departments ORDER BY name`);
  }

  async department(id: string): Promise<(DepartmentInput & { id: string }) | null> {
    return (await this.query(`SELECT id, name, email, active FROM departments WHERE id = $1`, [id]))[0] ?? null;
  }

  async insertDepartment(tenantId: string, input: DepartmentInput): Promise<string> {
    const [row] = await this.query(`INSERT INTO departments (tenant_id, name, email, active) VALUES ($1, $2, $3, $4) RETURNING id`, [tenantId, input.name, input.email, input.active]);
    return row.id;
  }

  async updateDepartment(id: string, input: DepartmentInput): Promise<void> {
    await this.query(`UPDATE departments SET name = $2, email = $3, active = $4 WHERE id = $1`, [id, input.name, input.email, input.active]);
  }

  listRules(): Promise<Array<{ id: string; categoryId: string; areaId: string | null; departmentId: string }>> {
    return this.query(`SELECT id, category_id AS "categoryId", area_id AS "areaId", department_id AS "departmentId" FROM responsibility_rules ORDER BY category_id, area_id NULLS FIRST`);
  }

  async rule(id: string): Promise<{ id: string; categoryId: string; areaId: string | null; departmentId: string } | null> {
    return (await this.query(`SELECT id, category_id AS "categoryId", area_id AS "areaId", department_id AS "departmentId" FROM responsibility_rules WHERE id = $1`, [id]))[0] ?? null;
  }

  async insertRule(tenantId: string, input: { categoryId: string; areaId: string | null; departmentId: string }): Promise<string> {
    const [row] = await this.query(
      `INSERT INTO responsibility_rules (tenant_id, category_id, area_id, department_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [tenantId, input.categoryId, input.areaId, input.departmentId],
    );
    return row.id;
  }

  async deleteRule(id: string): Promise<void> {
    await this.query(`DELETE FROM responsibility_rules WHERE id = $1`, [id]);
  }

  listAreas(): Promise<Array<{ id: string; name: string; kind: string; parentId: string | null }>> {
    return this.query(`SELECT id, name, kind, parent_id AS "parentId" FROM areas ORDER BY kind, name`);
  }
}
