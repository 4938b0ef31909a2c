import { Rational } from './rational.value';

describe('Rational', () => {
  it('normalises sign and common factors', () => {
    const r = Rational.of(6n, -4n);
    expect([r.num, r.den]).toEqual([-3n, 2n]);
    expect(Rational.of(0n, -5n).equals(Rational.ZERO)).toBe(true);
  });

  it.each([
    ['1/2 + 1/3', Rational.of(1n, 2n).add(Rational.of(1n, 3n)), '5/6'],
    ['1/2 − 1/3', Rational.of(1n, 2n).sub(Rational.of(1n, 3n)), '1/6'],
    ['2/3 × 9/4', Rational.of(2n, 3n).mul(Rational.of(9n, 4n)), '3/2'],
    ['(2/3) ÷ (−4/9)', Rational.of(2n, 3n).div(Rational.of(-4n, 9n)), '-3/2'],
    ['7 − 7', Rational.fromInt(7).sub(Rational.fromInt(7)), '0'],
  ])('%s', (_, value, expected) => {
    expect(value.toString()).toBe(expected);
  });

  it('compares and takes the minimum exactly', () => {
    const a = Rational.of(1n, 3n);
    const b = Rational.of(333333333333333333n, 1000000000000000000n);
    expect(a.compare(b)).toBe(1);
    expect(b.compare(a)).toBe(-1);
    expect(a.compare(Rational.of(2n, 6n))).toBe(0);
    expect(a.min(b)).toBe(b);
  });

  it.each([
    ['12', '12'],
    ['-0.25', '-1/4'],
    ['3.10', '31/10'],
    ['.5', '1/2'],
    ['1e3', '1000'],
    ['2.5e-1', '1/4'],
  ])('reads the decimal %s', (text, expected) => {
    expect(Rational.fromDecimal(text).toString()).toBe(expected);
  });

  it.each(['1,5', '', 'abc', '1.2.3', '-'])('refuses %j as a decimal', (text) => {
    expect(() => Rational.fromDecimal(text)).toThrow(SyntaxError);
  });

  it('converts to a number and floors negative values downwards', () => {
    expect(Rational.of(1n, 3n).toNumber()).toBeCloseTo(1 / 3, 15);
    expect(Rational.of(10n ** 400n + 1n, 10n ** 400n).toNumber()).toBe(1);
    expect(Rational.of(-7n, 2n).floor()).toBe(-4n);
    expect(Rational.of(7n, 2n).floor()).toBe(3n);
  });

  it('refuses a zero denominator and division by zero', () => {
    expect(() => Rational.of(1n, 0n)).toThrow(RangeError);
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(RangeError);
  });
});
