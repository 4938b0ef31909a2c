import { readFileSync } from 'fs';
import { join } from 'path';

export const PABULIB_DIR = process.env.PABULIB_DIR ?? '/work/shared/pabulib';

export function readPb(name: string): string {
  return readFileSync(join(PABULIB_DIR, `${name}.pb`), 'utf8');
}

/** Best of `repeat` wall-clock runs in ms (the machine is shared; the minimum is the least disturbed). */
export function time<T>(repeat: number, fn: () => T): { ms: number; value: T } {
  let best = Infinity;
  let value!: T;
  for (let k = 0; k < repeat; k++) {
    const t = process.hrtime.bigint();
    value = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: best, value };
}

export function report(label: string, ours: number, baseline: number, target?: number): void {
  const verdict = target === undefined ? '' : ours < target ? `  (target < ${target} ms: met)` : `  (target < ${target} ms: MISSED)`;
  console.log(`${label.padEnd(46)} ours ${ours.toFixed(1).padStart(8)} ms   baseline ${baseline.toFixed(1).padStart(9)} ms   ratio ${(baseline / ours).toFixed(1)}×${verdict}`);
}
