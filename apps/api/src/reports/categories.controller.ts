import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { CategoriesService } from '@app/reports';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam } from '../http/params';

const text = z.object({ de: z.string(), en: z.string() });
const categorySchema = z.object({
  code: z.string(),
  name: text,
  description: text,
  group: text,
  keywords: z.array(z.string()),
  attributes: z.array(z.object({ code: z.string(), datatype: z.string(), required: z.boolean(), order: z.number(), description: text, values: z.array(z.object({ key: z.string(), name: text })).optional() })),
});

@Controller('api/v1/t/:tenantSlug')
@UseGuards(TenantRouteGuard)
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get('categories')
  @ApiDocs({ summary: 'Active report categories with their extra questions (Open311 attribute model)', tags: ['reports'], responses: { 200: { description: 'categories', schema: z.array(categorySchema) } } })
  listCategories(@Param('tenantSlug', { schema: tenantSlugParam }) _tenantSlug: string): ReturnType<CategoriesService['listPublic']> {
    return this.categories.listPublic();
  }
}
