import { Injectable } from '@nestjs/common';
import { TenantScope } from '@app/core';
import { CategoryAttribute } from '@app/domain';
import { CategoriesRepository, Category } from '@app/reports';
import { Tenant } from '@app/tenants';
import { Open311Document } from '../format/open311-format';
import { Open311Error } from '../format/open311-error';

const LIST_TYPES = new Set(['singlevaluelist', 'multivaluelist']);

const DATATYPE_DESCRIPTIONS: Partial<Record<CategoryAttribute['datatype'], string>> = {
  number: 'Zahl, Dezimalpunkt (z. B. 2.5)',
  datetime: 'Datum und Uhrzeit mit Zeitzone, ISO 8601 (z. B. 2026-11-20T14:00:00+01:00)',
  singlevaluelist: 'Ein Schlüssel aus values',
  multivaluelist: 'Ein oder mehrere Schlüssel aus values (attribute[CODE][]=…)',
};

/**
 * Tenants that confirm reports by e-mail answer POSTs with a token (batch);
 * the others with the id (realtime). Never blackbox: FixMyStreet cannot use it.
 */
export function serviceType(tenant: Tenant): 'realtime' | 'batch' {
  return tenant.settings.confirmationRequired ? 'batch' : 'realtime';
}

/** Open311 services = the tenant's active categories, named in German. */
@Injectable()
export class Open311ServicesService {
  constructor(
    private readonly scope: TenantScope,
    private readonly categories: CategoriesRepository,
  ) {}

  async list(tenant: Tenant): Promise<Open311Document> {
    const categories = await this.scope.transaction(() => this.categories.listActive());
    return {
      kind: 'list',
      root: 'services',
      items: categories.map((category) => ({
        service_code: category.code,
        service_name: category.name.de,
        description: category.description.de,
        metadata: category.attributes.length > 0,
        type: serviceType(tenant),
        keywords: category.keywords.join(','),
        group: category.group.de,
      })),
    };
  }

  /** An active category by code, or 404. */
  async find(code: string | undefined): Promise<Category> {
    if (!code) throw Open311Error.badRequest('service_code', 'required');
    const category = /^[a-z0-9][a-z0-9_-]{0,62}$/.test(code) ? await this.scope.transaction(() => this.categories.findByCode(code)) : null;
    if (!category || !category.active) throw Open311Error.of(404, `service_code: unknown service ${code.slice(0, 100)}`);
    return category;
  }

  async definition(code: string): Promise<Open311Document> {
    const category = await this.find(code);
    return {
      kind: 'object',
      root: 'service_definition',
      value: {
        service_code: category.code,
        attributes: [...category.attributes]
          .sort((a, b) => a.order - b.order)
          .map((attribute) => ({
            variable: attribute.variable !== false,
            code: attribute.code,
            datatype: attribute.datatype,
            required: attribute.required,
            datatype_description: DATATYPE_DESCRIPTIONS[attribute.datatype] ?? null,
            order: attribute.order,
            description: attribute.description.de,
            values: LIST_TYPES.has(attribute.datatype) ? (attribute.values ?? []).map((value) => ({ key: value.key, name: value.name.de })) : [],
          })),
      },
    };
  }
}
