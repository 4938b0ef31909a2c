import { csvCell } from './staff-audit-browse.service';

describe('CSV cells', () => {
  it.each([
    [null, ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+49 361', "'+49 361"],
    [{ a: 1 }, '"{""a"":1}"'],
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
  ])('%p → %p', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
