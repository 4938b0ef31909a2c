import { readFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join } from 'path';

export const PABULIB_DIR = process.env.PABULIB_DIR ?? '/work/shared/pabulib';

export function readPb(name: string): string {
  return readFileSync(join(PABULIB_DIR, `${name}.pb`), 'utf8');
}

/**
 * Best of `repeat` runs (the machine is shared; the minimum is the least disturbed), as wall
 * time and as CPU time of this process (user + system, includes GC threads).
 */
export function time<T>(repeat: number, fn: () => T): { ms: number; cpuMs: number; value: T } {
  let best = Infinity;
  let bestCpu = Infinity;
  let value!: T;
  for (let k = 0; k < repeat; k++) {
    const cpu = process.cpuUsage();
    const t = process.hrtime.bigint();
    value = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(cpu);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1e3);
  }
  return { ms: best, cpuMs: bestCpu, value };
}

export function loadNote(): string {
  return `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
}

type Timing = { ms: number; cpuMs: number };

/**
 * Prints wall and CPU time with their ratios to the baseline. On a loaded machine the wall
 * clock mostly measures waiting, so the target verdict is given for both.
 */
export function report(label: string, ours: Timing, baseline: Timing, target?: number): void {
  const verdict = (ms: number) => (ms < target! ? 'met' : 'MISSED');
  const targets = target === undefined ? '' : `  target < ${target} ms: wall ${verdict(ours.ms)}, cpu ${verdict(ours.cpuMs)}`;
  console.log(
    `${label.padEnd(44)} ours ${ours.ms.toFixed(0).padStart(6)} ms wall / ${ours.cpuMs.toFixed(0).padStart(6)} ms cpu   ` +
      `baseline ${baseline.ms.toFixed(0).padStart(7)} / ${baseline.cpuMs.toFixed(0).padStart(7)}   ` +
      `ratio ${(baseline.ms / ours.ms).toFixed(1)}× wall, ${(baseline.cpuMs / ours.cpuMs).toFixed(1)}× cpu${targets}`,
  );
}
