import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The CI gate `node scripts/audit.mjs` (npm audit --omit=dev, failing on high
 * or critical), driven by a fake `npm` on PATH so each branch is proven,
 * including the honest one for registries without an audit endpoint (this
 * machine's registry answers 405): reported as skipped, never as passed.
 */
describe('npm audit gate (scripts/audit.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mitreden-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runWith(stdout: string, exitCode: number): { status: number | null; out: string } {
    const fake = join(dir, 'npm');
    writeFileSync(join(dir, 'answer.json'), stdout);
    writeFileSync(fake, `#!/bin/sh\ncat "${join(dir, 'answer.json')}"\nexit ${exitCode}\n`);
    chmodSync(fake, 0o755);
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/audit.mjs')], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
    return { status: result.status, out: result.stdout + result.stderr };
  }

  const report = (counts: Record<string, number>) => JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts } } });

  it('fails on a high or a critical finding in production dependencies', () => {
    expect(runWith(report({ high: 1, total: 1 }), 1).status).toBe(1);
    expect(runWith(report({ critical: 2, total: 2 }), 1).status).toBe(1);
  });

  it('passes with only low and moderate findings, and prints the counts', () => {
    const result = runWith(report({ low: 3, moderate: 1, total: 4 }), 1);
    expect(result.status).toBe(0);
    expect(result.out).toContain('"moderate":1');
  });

  it('says plainly that nothing was checked when the registry has no audit endpoint (HTTP 405)', () => {
    const result = runWith(JSON.stringify({ error: { code: 'E405', summary: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk' } }), 1);
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/unavailable .*405.*skipped/);
  });

  it('runs in CI before the tests, on production dependencies only', () => {
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toContain('node scripts/audit.mjs');
    expect(ci.indexOf('node scripts/audit.mjs')).toBeLessThan(ci.search(/^npm test$/m));
    expect(readFileSync(join(ROOT, 'scripts/audit.mjs'), 'utf8')).toContain("'--omit=dev'");
  });
});
