import { Arithmetic } from './arithmetic.interface';
import { Rational } from './rational.value';

export const exactArithmetic: Arithmetic<Rational> = {
  mode: 'exact',
  zero: Rational.ZERO,
  fromInt: (n) => Rational.fromInt(n),
  fromDecimal: (t) => Rational.fromDecimal(t),
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  compare: (a, b) => a.compare(b),
  min: (a, b) => a.min(b),
  floor: (a) => Number(a.floor()),
  toNumber: (a) => a.toNumber(),
  toString: (a) => a.toString(),
};
