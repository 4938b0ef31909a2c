import { encodeCsvField, splitCsvLine } from './csv-field.codec';
import { PabulibParseError } from './pabulib-parse.error';

describe('csv fields', () => {
  it.each([
    ['a;b;c', ['a', 'b', 'c']],
    ['a;;', ['a', '', '']],
    ['"x;y";2', ['x;y', '2']],
    ['1;"He said ""hi""";3', ['1', 'He said "hi"', '3']],
    ['"""quoted"""', ['"quoted"']],
    ['"a";"b"', ['a', 'b']],
    ['"a";', ['a', '']],
  ])('splits %j', (line, fields) => {
    expect(splitCsvLine(line, 1)).toEqual(fields);
  });

  it.each([
    ['"open;2', 'unterminated quoted field'],
    ['"a"b;2', 'text after a closing quote'],
    ['ab"c";2', 'quote inside an unquoted field'],
  ])('refuses %j', (line, reason) => {
    expect(() => splitCsvLine(line, 7)).toThrow(new PabulibParseError(7, reason));
  });

  it('quotes only when needed and round-trips', () => {
    for (const value of ['plain', 'semi;colon', 'say "x"', '', 'a,b']) {
      expect(splitCsvLine(`${encodeCsvField(value)};z`, 1)).toEqual([value, 'z']);
    }
    expect(encodeCsvField('plain')).toBe('plain');
    expect(encodeCsvField('a;b')).toBe('"a;b"');
  });
});
