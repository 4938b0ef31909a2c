import { Arithmetic } from './arithmetic.interface';

// Relative tolerance: large enough to absorb rounding in sums of ~1e5 terms,
// small enough never to merge values that differ exactly (costs are integers).
const EPSILON = 1e-9;

export const floatArithmetic: Arithmetic<number> = {
  mode: 'float',
  zero: 0,
  fromInt: (n) => n,
  fromDecimal: (t) => {
    const v = Number(t);
    if (t.trim() === '' || !Number.isFinite(v)) throw new SyntaxError(`Not a decimal number: "${t}"`);
    return v;
  },
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  compare: (a, b) => {
    const d = a - b;
    if (Math.abs(d) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b))) return 0;
    return d < 0 ? -1 : 1;
  },
  min: (a, b) => (a <= b ? a : b),
  floor: (a) => Math.floor(a + EPSILON * Math.max(1, Math.abs(a))),
  toNumber: (a) => a,
  toString: (a) => String(a),
};
