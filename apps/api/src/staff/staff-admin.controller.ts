import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { AdminCatalogService, AdminSettingsService, AdminUsersService } from '@app/staff';
import { TenantRouteGuard } from '@app/tenants';
import { ApiDocs } from '../http/api-docs.decorator';
import { tenantSlugParam, uuidParam } from '../http/params';
import { RequirePermission, StaffAuthGuard } from './staff-auth.guard';
import {
  apiKeySchema, areaImportSchema, categoryPatchSchema, categorySchema, departmentPatchSchema, departmentSchema, retentionSchema, ruleSchema, ssoSchema,
  staffUserPatchSchema, staffUserSchema, templatePatchSchema, templateSchema,
} from './staff-admin.schemas';
import { errorSchema, staffResponses, staffUserSchema as staffUserOut } from './staff-schemas';

const created = { 201: { description: 'created', schema: z.object({ id: z.string() }) }, 400: { description: 'field errors', schema: errorSchema } };
const changed = { 204: { description: 'changed' }, 400: { description: 'field errors', schema: errorSchema }, 404: { description: 'not found in this municipality' } };
const slug = () => Param('tenantSlug', { schema: tenantSlugParam });
const id = () => Param('id', { schema: uuidParam });

/** Administration of the tenant: catalogue, staff, settings. Every change is validated with field errors and audited. */
@Controller('api/v1/t/:tenantSlug/staff/admin')
@UseGuards(TenantRouteGuard, StaffAuthGuard)
export class StaffAdminController {
  constructor(
    private readonly catalog: AdminCatalogService,
    private readonly users: AdminUsersService,
    private readonly settings: AdminSettingsService,
  ) {}

  @Get('categories')
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Categories with their extra questions (incl. inactive)', tags: ['staff-admin'], responses: { 200: { description: 'categories' }, ...staffResponses } })
  listAdminCategories(@slug() _slug: string) {
    return this.catalog.listCategories();
  }

  @Post('categories')
  @HttpCode(201)
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Create a category', tags: ['staff-admin'], responses: { ...created, ...staffResponses } })
  createCategory(@slug() _slug: string, @Body({ schema: categorySchema }) body: z.output<typeof categorySchema>) {
    return this.catalog.createCategory(body);
  }

  @Patch('categories/:id')
  @HttpCode(204)
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Change a category (extra questions, first-response hours, active, …)', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async updateCategory(@slug() _slug: string, @id() categoryId: string, @Body({ schema: categoryPatchSchema }) body: z.output<typeof categoryPatchSchema>): Promise<void> {
    await this.catalog.updateCategory(categoryId, body);
  }

  @Get('departments')
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Departments', tags: ['staff-admin'], responses: { 200: { description: 'departments' }, ...staffResponses } })
  listAdminDepartments(@slug() _slug: string) {
    return this.catalog.listDepartments();
  }

  @Post('departments')
  @HttpCode(201)
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Create a department', tags: ['staff-admin'], responses: { ...created, ...staffResponses } })
  createDepartment(@slug() _slug: string, @Body({ schema: departmentSchema }) body: z.output<typeof departmentSchema>) {
    return this.catalog.createDepartment(body);
  }

  @Patch('departments/:id')
  @HttpCode(204)
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Change a department', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async updateDepartment(@slug() _slug: string, @id() departmentId: string, @Body({ schema: departmentPatchSchema }) body: z.output<typeof departmentPatchSchema>): Promise<void> {
    await this.catalog.updateDepartment(departmentId, body);
  }

  @Get('responsibility-rules')
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Responsibility rules (category [+ area] → department)', tags: ['staff-admin'], responses: { 200: { description: 'rules' }, ...staffResponses } })
  listResponsibilityRules(@slug() _slug: string) {
    return this.catalog.listRules();
  }

  @Post('responsibility-rules')
  @HttpCode(201)
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Add a rule (areaId null: the category’s fallback)', tags: ['staff-admin'], responses: { ...created, ...staffResponses } })
  createResponsibilityRule(@slug() _slug: string, @Body({ schema: ruleSchema }) body: z.output<typeof ruleSchema>) {
    return this.catalog.createRule(body);
  }

  @Delete('responsibility-rules/:id')
  @HttpCode(204)
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Remove a rule', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async deleteResponsibilityRule(@slug() _slug: string, @id() ruleId: string): Promise<void> {
    await this.catalog.deleteRule(ruleId);
  }

  @Get('areas')
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Areas (municipality, districts) without geometry', tags: ['staff-admin'], responses: { 200: { description: 'areas' }, ...staffResponses } })
  listAdminAreas(@slug() _slug: string) {
    return this.catalog.listAreas();
  }

  @Post('areas/import')
  @HttpCode(200)
  @RequirePermission('admin.catalog')
  @ApiDocs({ summary: 'Upload areas as GeoJSON (validated: structure, geometry, overlaps, districts inside); replace=true replaces areas of the same kinds', tags: ['staff-admin'], responses: { 200: { description: 'imported', schema: z.object({ municipalities: z.number(), districts: z.number() }) }, 400: { description: 'field errors; nothing stored', schema: errorSchema }, ...staffResponses } })
  importAreas(@slug() _slug: string, @Body({ schema: areaImportSchema }) body: z.output<typeof areaImportSchema>) {
    return this.catalog.importAreas(body.geojson, body.replace);
  }

  @Get('users')
  @RequirePermission('admin.users')
  @ApiDocs({ summary: 'Staff accounts and roles', tags: ['staff-admin'], responses: { 200: { description: 'users', schema: z.array(staffUserOut) }, ...staffResponses } })
  listStaffUsers(@slug() _slug: string) {
    return this.users.list();
  }

  @Post('users')
  @HttpCode(201)
  @RequirePermission('admin.users')
  @ApiDocs({ summary: 'Create a staff account; a password-set link is mailed', tags: ['staff-admin'], responses: { ...created, ...staffResponses } })
  createStaffUser(@slug() _slug: string, @Body({ schema: staffUserSchema }) body: z.output<typeof staffUserSchema>) {
    return this.users.create(body);
  }

  @Patch('users/:id')
  @HttpCode(204)
  @RequirePermission('admin.users')
  @ApiDocs({ summary: 'Change role, departments, name or active (ends the user’s sessions on rights changes)', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async updateStaffUser(@slug() _slug: string, @id() userId: string, @Body({ schema: staffUserPatchSchema }) body: z.output<typeof staffUserPatchSchema>): Promise<void> {
    await this.users.update(userId, body);
  }

  @Post('users/:id/password-link')
  @HttpCode(204)
  @RequirePermission('admin.users')
  @ApiDocs({ summary: 'Mail the user a new password-set link', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async sendStaffPasswordLink(@slug() _slug: string, @id() userId: string): Promise<void> {
    await this.users.sendPasswordLink(userId);
  }

  @Get('reply-templates')
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Reply templates (text + status they set)', tags: ['staff-admin'], responses: { 200: { description: 'templates' }, ...staffResponses } })
  listReplyTemplates(@slug() _slug: string) {
    return this.settings.listTemplates();
  }

  @Post('reply-templates')
  @HttpCode(201)
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Create a reply template', tags: ['staff-admin'], responses: { ...created, ...staffResponses } })
  createReplyTemplate(@slug() _slug: string, @Body({ schema: templateSchema }) body: z.output<typeof templateSchema>) {
    return this.settings.createTemplate(body);
  }

  @Patch('reply-templates/:id')
  @HttpCode(204)
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Change a reply template', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async updateReplyTemplate(@slug() _slug: string, @id() templateId: string, @Body({ schema: templatePatchSchema }) body: z.output<typeof templatePatchSchema>): Promise<void> {
    await this.settings.updateTemplate(templateId, body);
  }

  @Delete('reply-templates/:id')
  @HttpCode(204)
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Delete a reply template', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async deleteReplyTemplate(@slug() _slug: string, @id() templateId: string): Promise<void> {
    await this.settings.deleteTemplate(templateId);
  }

  @Get('retention')
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Retention settings', tags: ['staff-admin'], responses: { 200: { description: 'retention', schema: retentionSchema }, ...staffResponses } })
  getRetention(@slug() _slug: string) {
    return this.settings.getRetention();
  }

  @Put('retention')
  @HttpCode(204)
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Set retention: days after closing until contact data is anonymised; hours until unconfirmed reports expire', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async setRetention(@slug() _slug: string, @Body({ schema: retentionSchema }) body: z.output<typeof retentionSchema>): Promise<void> {
    await this.settings.setRetention(body);
  }

  @Get('sso')
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Single sign-on (OpenID Connect) settings; the client secret is never returned', tags: ['staff-admin'], responses: { 200: { description: 'settings or null' }, ...staffResponses } })
  getSso(@slug() _slug: string) {
    return this.settings.getSso();
  }

  @Put('sso')
  @HttpCode(200)
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Configure OIDC: issuer, client id/secret, role claim and mapping (claim value → role)', tags: ['staff-admin'], responses: { 200: { description: 'saved; register this redirect URI at the provider', schema: z.object({ redirectUri: z.string() }) }, 400: { description: 'field errors', schema: errorSchema }, ...staffResponses } })
  saveSso(@slug() _slug: string, @Body({ schema: ssoSchema }) body: z.output<typeof ssoSchema>) {
    return this.settings.saveSso(body);
  }

  @Get('api-keys')
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Open311 API keys (names and dates; keys are shown only at creation)', tags: ['staff-admin'], responses: { 200: { description: 'keys' }, ...staffResponses } })
  listApiKeys(@slug() _slug: string) {
    return this.settings.listApiKeys();
  }

  @Post('api-keys')
  @HttpCode(201)
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Create an Open311 API key for a client application (the key is in this answer only)', tags: ['staff-admin'], responses: { 201: { description: 'key', schema: z.object({ id: z.string(), name: z.string(), key: z.string() }) }, ...staffResponses } })
  createApiKey(@slug() _slug: string, @Body({ schema: apiKeySchema }) body: z.output<typeof apiKeySchema>) {
    return this.settings.createApiKey(body.name);
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @RequirePermission('admin.settings')
  @ApiDocs({ summary: 'Revoke an Open311 API key', tags: ['staff-admin'], responses: { ...changed, ...staffResponses } })
  async revokeApiKey(@slug() _slug: string, @id() keyId: string): Promise<void> {
    await this.settings.revokeApiKey(keyId);
  }
}
