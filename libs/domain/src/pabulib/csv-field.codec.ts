import { PabulibParseError } from './pabulib-parse.error';

/** Splits one `;` separated line; quoted fields may hold `;` and doubled quotes. */
export function splitCsvLine(line: string, lineNo: number): string[] {
  if (line.indexOf('"') < 0) return line.split(';');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) throw new PabulibParseError(lineNo, 'unterminated quoted field');
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      if (i === line.length) return out;
      if (line.charCodeAt(i) !== 59) throw new PabulibParseError(lineNo, 'text after a closing quote');
      i++;
    } else {
      const s = line.indexOf(';', i);
      const end = s < 0 ? line.length : s;
      const value = line.slice(i, end);
      if (value.indexOf('"') >= 0) throw new PabulibParseError(lineNo, 'quote inside an unquoted field');
      out.push(value);
      if (s < 0) return out;
      i = s + 1;
    }
  }
}

export function encodeCsvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
