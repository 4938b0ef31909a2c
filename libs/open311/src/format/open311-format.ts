import { XmlValue, renderXml } from './xml-writer';

export type Open311Format = 'xml' | 'json';

export const CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Child element names of every list in our documents. */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  notes: 'note',
  media_urls: 'media_url',
  service_request_updates: 'request_update',
};

/**
 * One Open311 answer, independent of the format. `list` documents are a
 * JSON array and an XML wrapper with one `item` element per entry (Spark
 * convention); `object` documents are a JSON object and one XML element.
 */
export type Open311Document =
  | { kind: 'list'; root: keyof typeof LIST_ROOTS; items: Array<Record<string, XmlValue>> }
  | { kind: 'object'; root: string; value: Record<string, XmlValue> };

const LIST_ROOTS = { services: true, service_requests: true, errors: true, service_request_updates: true } as const;

export function parseFormat(value: string | undefined): Open311Format | null {
  return value === 'xml' || value === 'json' ? value : null;
}

export function renderDocument(document: Open311Document, format: Open311Format): { contentType: string; body: string } {
  if (format === 'json') {
    const value = document.kind === 'list' ? document.items : document.value;
    return { contentType: CONTENT_TYPES.json, body: JSON.stringify(value) };
  }
  const body = document.kind === 'list' ? renderXml(document.root, document.items, ITEM_NAMES) : renderXml(document.root, document.value, ITEM_NAMES);
  return { contentType: CONTENT_TYPES.xml, body };
}
