// Exact arithmetic for official results: costs and per-voter budgets are integers,
// so every quantity in greedy, Equal Shares and Phragmén is a ratio of integers.

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  /** Normalised: den > 0 and gcd(num, den) = 1, so equal values have equal fields. */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational with zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (den === 1n) return new Rational(num, 1n);
    const g = gcd(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  static fromInt(n: number | bigint): Rational {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`Not a safe integer: ${n}`);
    return new Rational(BigInt(n), 1n);
  }

  /** Accepts "-12", "3.25", "0.5e3"; a decimal comma is refused because pabulib forbids it. */
  static fromDecimal(text: string): Rational {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new SyntaxError(`Not a decimal number: "${text}"`);
    const frac = m[3] ?? '';
    let num = BigInt((m[2] || '0') + frac);
    let den = 10n ** BigInt(frac.length);
    const exp = m[4] ? Number(m[4]) : 0;
    if (exp > 0) num *= 10n ** BigInt(exp);
    if (exp < 0) den *= 10n ** BigInt(-exp);
    return Rational.of(m[1] === '-' ? -num : num, den);
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  min(o: Rational): Rational {
    return this.compare(o) <= 0 ? this : o;
  }

  max(o: Rational): Rational {
    return this.compare(o) >= 0 ? this : o;
  }

  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  /** Correctly rounded for huge terms too, by scaling before the division. */
  toNumber(): number {
    if (this.den === 1n) return Number(this.num);
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d) && Math.abs(n) < 2 ** 53 && d < 2 ** 53) return n / d;
    const shift = BigInt(Math.max(0, this.den.toString(2).length - this.num.toString(2).length + 60));
    return Number((this.num << shift) / this.den) / 2 ** Number(shift);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}
