/**
 * The few operations the rules need, so each algorithm is written once and runs
 * exactly (Rational, for official results) or in floating point (for previews).
 */
export interface Arithmetic<T> {
  readonly mode: 'exact' | 'float';
  readonly zero: T;
  fromInt(n: number): T;
  fromDecimal(text: string): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  /** In float mode values within a relative 1e-9 compare equal, so float ties match exact ties. */
  compare(a: T, b: T): -1 | 0 | 1;
  min(a: T, b: T): T;
  floor(a: T): number;
  toNumber(a: T): number;
  toString(a: T): string;
}
