import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { Category } from './category.types';

const COLUMNS = `id, code, name_de, name_en, description_de, description_en, group_de, group_en, keywords, attributes, active, first_response_hours`;

function toCategory(row: any): Category {
  return {
    id: row.id,
    code: row.code,
    name: { de: row.name_de, en: row.name_en },
    description: { de: row.description_de, en: row.description_en },
    group: { de: row.group_de, en: row.group_en },
    keywords: row.keywords,
    attributes: row.attributes,
    active: row.active,
    firstResponseHours: row.first_response_hours,
  };
}

/** Categories of the current tenant (runs inside its transaction). */
@Injectable()
export class CategoriesRepository {
  constructor(private readonly scope: TenantScope) {}

  async listActive(): Promise<Category[]> {
    const rows = await this.scope.manager.query(`SELECT ${COLUMNS} FROM categories WHERE active ORDER BY sort_order, name_de`);
    return rows.map(toCategory);
  }

  async findByCode(code: string): Promise<Category | null> {
    const rows = await this.scope.manager.query(`SELECT ${COLUMNS} FROM categories WHERE code = $1`, [code]);
    return rows[0] ? toCategory(rows[0]) : null;
  }

  async findById(id: string): Promise<Category | null> {
    const rows = await this.scope.manager.query(`SELECT ${COLUMNS} FROM categories WHERE id = $1`, [id]);
    return rows[0] ? toCategory(rows[0]) : null;
  }
}
