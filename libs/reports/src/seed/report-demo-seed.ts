import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { DemoSeedContributor, SeedsDemoData } from '@app/tenants';
import { DEMO_CATEGORIES } from './demo-categories';

const OFFICES = ['Tiefbauamt', 'Ordnungsamt', 'Grünflächenamt', 'Bauhof'] as const;

function mailbox(slug: string, office: string): string {
  const local = office.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/[^a-z0-9]+/g, '-');
  return `${local}@${slug}.example`;
}

/**
 * Categories, departments and responsibility rules for each demo tenant. A
 * town gets its offices plus a district Bauhof (rule on the district); a union
 * gets a Bauhof per member town (rules on the towns) and shared offices.
 */
@Injectable()
@SeedsDemoData()
export class ReportDemoSeed implements DemoSeedContributor {
  constructor(private readonly scope: TenantScope) {}

  async seedTenant(tenantId: string, slug: string): Promise<void> {
    await this.scope.withTenant(tenantId, async () => {
      const db = this.scope.manager;
      const departments = new Map<string, string>();
      for (const office of OFFICES) {
        const [row] = await db.query(`INSERT INTO departments (tenant_id, name, email) VALUES ($1, $2, $3) RETURNING id`, [tenantId, office, mailbox(slug, office)]);
        departments.set(office, row.id);
      }
      const categoryIds = new Map<string, string>();
      for (const [index, category] of DEMO_CATEGORIES.entries()) {
        const [row] = await db.query(
          `INSERT INTO categories (tenant_id, code, name_de, name_en, description_de, description_en, group_de, group_en, keywords, attributes, sort_order, first_response_hours)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12) RETURNING id`,
          [tenantId, category.code, category.name.de, category.name.en, category.description.de, category.description.en, category.group.de, category.group.en,
            category.keywords, JSON.stringify(category.attributes), index, category.firstResponseHours],
        );
        categoryIds.set(category.code, row.id);
        await db.query(`INSERT INTO responsibility_rules (tenant_id, category_id, department_id) VALUES ($1, $2, $3)`, [tenantId, row.id, departments.get(category.handledBy)]);
      }
      const areas: Array<{ id: string; name: string; kind: string }> = await db.query(`SELECT id, name, kind FROM areas ORDER BY name`);
      const municipalities = areas.filter((area) => area.kind === 'municipality');
      if (municipalities.length > 1) {
        // A union: each member town's own Bauhof handles the street and green work there.
        for (const town of municipalities) {
          const [bauhof] = await db.query(`INSERT INTO departments (tenant_id, name, email) VALUES ($1, $2, $3) RETURNING id`, [tenantId, `Bauhof ${town.name}`, mailbox(slug, `bauhof-${town.name}`)]);
          for (const category of DEMO_CATEGORIES.filter((c) => c.handledBy !== 'Ordnungsamt')) {
            await db.query(`INSERT INTO responsibility_rules (tenant_id, category_id, area_id, department_id) VALUES ($1, $2, $3, $4)`, [tenantId, categoryIds.get(category.code), town.id, bauhof.id]);
          }
        }
      } else {
        // A town: the first district (alphabetically) has its own Bauhof for litter and green work.
        const district = areas.find((area) => area.kind === 'district');
        if (district) {
          const [bauhof] = await db.query(`INSERT INTO departments (tenant_id, name, email) VALUES ($1, $2, $3) RETURNING id`, [tenantId, `Bauhof ${district.name}`, mailbox(slug, `bauhof-${district.name}`)]);
          for (const code of ['papierkorb-voll', 'gruenschnitt-baum']) {
            await db.query(`INSERT INTO responsibility_rules (tenant_id, category_id, area_id, department_id) VALUES ($1, $2, $3, $4)`, [tenantId, categoryIds.get(code), district.id, bauhof.id]);
          }
        }
      }
    });
  }
}
