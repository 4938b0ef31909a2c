import { z } from 'zod';
import { i18nMessage } from '@app/core';
import { REPORT_STATUSES, ReportStatus } from '@app/domain';
import { STAFF_ROLES } from '@app/staff';

const text = (max: number) => z.string().trim().max(max);
const bilingual = (max: number, min = 0) => z.object({ de: text(max).min(min), en: text(max).min(min) }).strict();
const LIST_TYPES = new Set(['singlevaluelist', 'multivaluelist']);

/** One Open311 extra question (service definition attribute). */
export const attributeSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  variable: z.boolean().optional(),
  order: z.number().int().min(1).max(1000),
  description: bilingual(500, 1),
  values: z.array(z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), name: bilingual(200, 1) }).strict()).max(100).optional(),
}).strict().superRefine((attribute, context) => {
  const isList = LIST_TYPES.has(attribute.datatype);
  if (isList && !attribute.values?.length) context.addIssue({ code: 'custom', path: ['values'], message: i18nMessage('values_required', 'Auswahllisten brauchen Werte', 'List questions need values') });
  if (!isList && attribute.values?.length) context.addIssue({ code: 'custom', path: ['values'], message: i18nMessage('values_not_allowed', 'Nur Auswahllisten haben Werte', 'Only list questions have values') });
  const keys = attribute.values?.map((value) => value.key) ?? [];
  if (new Set(keys).size !== keys.length) context.addIssue({ code: 'custom', path: ['values'], message: i18nMessage('duplicate_key', 'Schlüssel doppelt', 'Duplicate key') });
});

const attributes = z.array(attributeSchema).max(30).superRefine((list, context) => {
  const seen = new Map<string, number>();
  list.forEach((attribute, index) => {
    if (seen.has(`code:${attribute.code}`)) context.addIssue({ code: 'custom', path: [index, 'code'], message: i18nMessage('duplicate_code', 'Code doppelt', 'Duplicate code') });
    if (seen.has(`order:${attribute.order}`)) context.addIssue({ code: 'custom', path: [index, 'order'], message: i18nMessage('duplicate_order', 'Reihenfolge doppelt', 'Duplicate order') });
    seen.set(`code:${attribute.code}`, index);
    seen.set(`order:${attribute.order}`, index);
  });
});

export const categorySchema = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/),
  name: bilingual(200, 1),
  description: bilingual(2000).default({ de: '', en: '' }),
  group: bilingual(200).default({ de: '', en: '' }),
  keywords: z.array(text(60).min(1)).max(30).default([]),
  attributes: attributes.default([]),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10000).default(0),
  firstResponseHours: z.number().int().min(1).max(24 * 90).nullable().default(null),
}).strict();

export const categoryPatchSchema = z.object({
  code: categorySchema.shape.code,
  name: bilingual(200, 1),
  description: bilingual(2000),
  group: bilingual(200),
  keywords: z.array(text(60).min(1)).max(30),
  attributes,
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(10000),
  firstResponseHours: z.number().int().min(1).max(24 * 90).nullable(),
}).partial().strict();

export const departmentSchema = z.object({ name: text(200).min(1), email: z.email().max(254), active: z.boolean().default(true) }).strict();
export const departmentPatchSchema = z.object({ name: text(200).min(1), email: z.email().max(254), active: z.boolean() }).partial().strict();
export const ruleSchema = z.object({ categoryId: z.string().uuid(), areaId: z.string().uuid().nullable().default(null), departmentId: z.string().uuid() }).strict();
export const areaImportSchema = z.object({ geojson: z.record(z.string(), z.unknown()), replace: z.boolean().default(false) }).strict();

const role = z.enum(STAFF_ROLES);
export const staffUserSchema = z.object({ email: z.email().max(254), displayName: text(200).default(''), role, departmentIds: z.array(z.string().uuid()).max(50).default([]) }).strict();
export const staffUserPatchSchema = z.object({ displayName: text(200), role, departmentIds: z.array(z.string().uuid()).max(50), active: z.boolean() }).partial().strict();

const status = z.enum(REPORT_STATUSES as [ReportStatus, ...ReportStatus[]]);
export const templateSchema = z.object({ name: text(200).min(1), body: text(4000).min(1), status: status.nullable().default(null), active: z.boolean().default(true) }).strict();
export const templatePatchSchema = z.object({ name: text(200).min(1), body: text(4000).min(1), status: status.nullable(), active: z.boolean() }).partial().strict();

export const retentionSchema = z.object({
  contactRetentionDaysAfterClose: z.number().int().min(1).max(3650),
  unconfirmedExpiryHours: z.number().int().min(1).max(24 * 30),
}).strict();

export const ssoSchema = z.object({
  enabled: z.boolean(),
  issuer: z.url().max(500).refine((value) => /^https?:\/\//.test(value), 'http(s) URL'),
  clientId: text(300).min(1),
  clientSecret: z.string().min(1).max(500).optional(),
  roleClaim: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/).default('roles'),
  roleMapping: z.record(z.string().min(1).max(200), role).refine((mapping) => Object.keys(mapping).length <= 50, 'at most 50 entries'),
}).strict();

export const apiKeySchema = z.object({ name: text(200).min(1) }).strict();

export const auditQuerySchema = z.object({
  action: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
  actorUserId: z.string().uuid().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  beforeId: z.string().regex(/^\d{1,19}$/).optional(),
}).strict();
