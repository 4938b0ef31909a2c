import { open311CliCommands } from '@app/open311';
import { TestStack } from '../support/test-api';

export type Format = 'xml' | 'json';
export const FORMATS: Format[] = ['xml', 'json'];

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) throw new Error(`unescaped markup in text: ${text.slice(0, 80)}`);
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (_, entity: string) =>
    entity.startsWith('#x') ? String.fromCodePoint(parseInt(entity.slice(2), 16)) : entity.startsWith('#') ? String.fromCodePoint(Number(entity.slice(1))) : ENTITIES[entity],
  );
}

/** A strict parser for the XML our server writes: elements and text, no attributes, no namespaces. */
export function parseXml(document: string): XmlNode {
  const declaration = '<?xml version="1.0" encoding="utf-8"?>';
  if (!document.startsWith(`${declaration}\n`)) throw new Error(`missing XML declaration: ${document.slice(0, 60)}`);
  const source = document.slice(declaration.length).trim();
  const tokens = source.match(/<[^>]*>|[^<]+/g) ?? [];
  const stack: XmlNode[] = [{ name: '#root', children: [], text: '' }];
  for (const token of tokens) {
    if (token.startsWith('</')) {
      const name = token.slice(2, -1);
      const node = stack.pop()!;
      if (node.name !== name) throw new Error(`mismatched </${name}> for <${node.name}>`);
    } else if (token.startsWith('<')) {
      const selfClosing = token.endsWith('/>');
      const name = token.slice(1, selfClosing ? -2 : -1);
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`bad element ${token}`);
      const node: XmlNode = { name, children: [], text: '' };
      stack[stack.length - 1].children.push(node);
      if (!selfClosing) stack.push(node);
    } else {
      const parent = stack[stack.length - 1];
      if (parent.name === '#root') {
        if (token.trim()) throw new Error('text outside the document element');
      } else parent.text += decode(token);
    }
  }
  if (stack.length !== 1 || stack[0].children.length !== 1) throw new Error('not exactly one document element');
  return stack[0].children[0];
}

const LISTS = new Set(['services', 'service_requests', 'attributes', 'values', 'endpoints', 'formats', 'errors', 'notes', 'media_urls', 'service_request_updates']);

/** XML tree → the JSON-like value, with every leaf a string ('' when empty). */
export function xmlValue(node: XmlNode): unknown {
  if (LISTS.has(node.name)) return node.children.map(xmlValue);
  if (node.children.length === 0) return node.text;
  const value: Record<string, unknown> = {};
  for (const child of node.children) {
    if (child.name in value) throw new Error(`repeated element ${child.name} in ${node.name}`);
    value[child.name] = xmlValue(child);
  }
  return value;
}

/** JSON value with leaves as XML would print them, to compare both formats. */
export function asXmlLeaves(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asXmlLeaves);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, asXmlLeaves(child)]));
  return String(value);
}

export interface Open311Response {
  status: number;
  contentType: string | null;
  text: string;
  /** Parsed: JSON as is; XML as lists/objects of strings. */
  body: any;
  /** XML root element name. */
  root?: string;
}

export class Open311TestClient {
  /** Every GET response body, to scan for personal data. */
  readonly getBodies: string[] = [];

  constructor(private readonly stack: TestStack) {}

  get base(): string {
    return `${this.stack.baseUrl}/open311/v2`;
  }

  async createKey(slug: string, clientName: string): Promise<{ key: string; id: string }> {
    const output = await open311CliCommands.find((command) => command.name === 'open311:key:create')!.run(this.stack.api, [slug, clientName]);
    return { key: /api_key: (\S+)/.exec(output)![1], id: /key id:\s+(\S+)/.exec(output)![1] };
  }

  async revokeKey(slug: string, keyId: string): Promise<string> {
    return open311CliCommands.find((command) => command.name === 'open311:key:revoke')!.run(this.stack.api, [slug, keyId]);
  }

  async read(response: Response, format: Format | 'raw'): Promise<Open311Response> {
    const text = await response.text();
    const result: Open311Response = { status: response.status, contentType: response.headers.get('content-type'), text, body: undefined };
    if (format === 'json' || (format === 'raw' && result.contentType?.startsWith('application/json'))) result.body = JSON.parse(text);
    else {
      const root = parseXml(text);
      result.root = root.name;
      result.body = xmlValue(root);
    }
    return result;
  }

  async get(path: string, format: Format, params: Record<string, string | string[]> = {}): Promise<Open311Response> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) for (const entry of ([] as string[]).concat(value)) query.append(key, entry);
    const qs = query.toString();
    const response = await fetch(`${this.base}/${path}.${format}${qs ? `?${qs}` : ''}`);
    const result = await this.read(response, format);
    this.getBodies.push(result.text);
    return result;
  }

  async getUrl(url: string, format: Format | 'raw' = 'raw'): Promise<Open311Response> {
    const response = await fetch(url);
    const result = await this.read(response, format);
    this.getBodies.push(result.text);
    return result;
  }

  /** application/x-www-form-urlencoded, repeated keys allowed. */
  async post(path: string, format: Format, fields: Array<[string, string]> | Record<string, string>, headers: Record<string, string> = {}): Promise<Open311Response> {
    const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields)).toString();
    const response = await fetch(`${this.base}/${path}.${format}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers }, body });
    return this.read(response, format);
  }

  async postMultipart(path: string, format: Format, form: FormData): Promise<Open311Response> {
    const response = await fetch(`${this.base}/${path}.${format}`, { method: 'POST', body: form });
    return this.read(response, format);
  }
}

/** The `errors` document in either format, as [{code, description}]. */
export function errorsOf(response: Open311Response): Array<{ code: string; description: string }> {
  if (response.root !== undefined && response.root !== 'errors') throw new Error(`expected <errors>, got <${response.root}>: ${response.text.slice(0, 200)}`);
  expect(Array.isArray(response.body)).toBe(true);
  return (response.body as Array<{ code: unknown; description: string }>).map((error) => ({ code: String(error.code), description: error.description }));
}

export function expectOpen311Error(response: Open311Response, status: number, descriptionPattern?: RegExp): void {
  expect({ status: response.status, text: response.text.slice(0, 300) }).toEqual({ status, text: expect.any(String) });
  const errors = errorsOf(response);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.code).toBe(String(status));
    expect(typeof error.description).toBe('string');
  }
  if (descriptionPattern) expect(errors.map((error) => error.description).join(' | ')).toMatch(descriptionPattern);
}
