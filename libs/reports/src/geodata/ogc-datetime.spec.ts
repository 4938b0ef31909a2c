import { parseOgcDateTime } from './ogc-datetime';

describe('OGC datetime parameter', () => {
  const at = (text: string) => new Date(text);

  it.each([
    ['2024-05-01T10:00:00Z', { from: at('2024-05-01T10:00:00Z'), to: at('2024-05-01T10:00:00Z') }],
    ['2024-05-01T12:00:00+02:00', { from: at('2024-05-01T10:00:00Z'), to: at('2024-05-01T10:00:00Z') }],
    ['2024-05-01', { from: at('2024-05-01T00:00:00Z'), to: at('2024-05-01T23:59:59.999Z') }],
    ['2024-05-01T00:00:00Z/2024-06-01T00:00:00Z', { from: at('2024-05-01T00:00:00Z'), to: at('2024-06-01T00:00:00Z') }],
    ['../2024-06-01T00:00:00Z', { from: undefined, to: at('2024-06-01T00:00:00Z') }],
    ['2024-05-01T00:00:00Z/..', { from: at('2024-05-01T00:00:00Z'), to: undefined }],
    ['/2024-06-01', { from: undefined, to: at('2024-06-01T23:59:59.999Z') }],
  ])('reads %s', (text, expected) => {
    expect(parseOgcDateTime(text)).toEqual(expected);
  });

  it.each(['yesterday', '2024-13-01', '2024-02-30', '2024-05-01T10:00:00', '../..', '2024-06-01/2024-05-01', 'a/b/c', '2024-05-01T25:00:00Z'])('refuses %s', (text) => {
    expect(parseOgcDateTime(text)).toBeNull();
  });
});
