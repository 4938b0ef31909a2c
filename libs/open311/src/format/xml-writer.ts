/**
 * A small XML writer for Open311 documents: fixed element names chosen by
 * us, text escaped, characters XML 1.0 forbids removed, UTF-8 declared.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

// Control characters (except tab, LF, CR), lone surrogates and U+FFFE/U+FFFF are not allowed in XML 1.0.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// Any character escapeXmlText changes or removes (every surrogate sends the text down the full path).
const NEEDS_ESCAPING = /[&<>"'\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

export function escapeXmlText(text: string): string {
  // Most values (numbers, dates, codes, plain descriptions) need nothing: skip the seven passes.
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // A literal CR would be normalised to LF by every parser; keep it.
    .replace(/\r/g, '&#13;');
}

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>, out: string[]): void {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined || value === '') {
    out.push(`<${name}/>`);
  } else if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item element name for list ${name}`);
    if (value.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const entry of value) element(item, entry, itemNames, out);
    out.push(`</${name}>`);
  } else if (typeof value === 'object') {
    out.push(`<${name}>`);
    for (const [key, child] of Object.entries(value)) element(key, child, itemNames, out);
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}>${escapeXmlText(String(value))}</${name}>`);
  }
}

/**
 * Renders `value` as the document element `root`. Lists become a wrapper
 * element with one child per entry; `itemNames` names the child of each list
 * (services → service, attributes → attribute, …).
 */
export function renderXml(root: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  const out: string[] = [XML_DECLARATION, '\n'];
  element(root, value, itemNames, out);
  out.push('\n');
  return out.join('');
}
