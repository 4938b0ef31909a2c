import { ReportMapCache } from './report-map.cache';

describe('ReportMapCache', () => {
  const tenantA = '00000000-0000-4000-8000-00000000000a';
  const tenantB = '00000000-0000-4000-8000-00000000000b';
  let clock = 0;
  const cache = (options: { ttlMs?: number; maxEntries?: number } = {}) => new ReportMapCache({ ttlMs: 1000, maxEntries: 100, now: () => clock, ...options });
  const counter = () => {
    let calls = 0;
    return { compute: async () => ++calls, get calls() { return calls; } };
  };

  beforeEach(() => {
    clock = 0;
  });

  it('answers a repeated key from memory until the TTL ends', async () => {
    const subject = cache();
    const source = counter();
    await expect(subject.getOrCompute(tenantA, 'k', source.compute)).resolves.toBe(1);
    await expect(subject.getOrCompute(tenantA, 'k', source.compute)).resolves.toBe(1);
    clock = 999;
    await expect(subject.getOrCompute(tenantA, 'k', source.compute)).resolves.toBe(1);
    clock = 1000;
    await expect(subject.getOrCompute(tenantA, 'k', source.compute)).resolves.toBe(2);
    expect(subject.stats).toMatchObject({ hits: 2, misses: 2 });
  });

  it('drops only the invalidated tenant', async () => {
    const subject = cache();
    const a = counter();
    const b = counter();
    await subject.getOrCompute(tenantA, 'k', a.compute);
    await subject.getOrCompute(tenantB, 'k', b.compute);
    subject.invalidate(tenantA);
    await expect(subject.getOrCompute(tenantA, 'k', a.compute)).resolves.toBe(2);
    await expect(subject.getOrCompute(tenantB, 'k', b.compute)).resolves.toBe(1);
  });

  it('shares one computation between concurrent misses', async () => {
    const subject = cache();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      calls++;
      await gate;
      return 'answer';
    };
    const all = Promise.all([1, 2, 3].map(() => subject.getOrCompute(tenantA, 'k', compute)));
    release();
    await expect(all).resolves.toEqual(['answer', 'answer', 'answer']);
    expect(calls).toBe(1);
  });

  it('does not keep failures', async () => {
    const subject = cache();
    await expect(subject.getOrCompute(tenantA, 'k', async () => { throw new Error('db down'); })).rejects.toThrow('db down');
    await expect(subject.getOrCompute(tenantA, 'k', async () => 'ok')).resolves.toBe('ok');
  });

  it('evicts the least recently used entries beyond its size', async () => {
    const subject = cache({ maxEntries: 2 });
    const source = counter();
    await subject.getOrCompute(tenantA, 'one', source.compute);
    await subject.getOrCompute(tenantA, 'two', source.compute);
    await subject.getOrCompute(tenantA, 'one', source.compute);
    await subject.getOrCompute(tenantA, 'three', source.compute);
    expect(subject.stats.entries).toBe(2);
    await expect(subject.getOrCompute(tenantA, 'one', source.compute)).resolves.toBe(1);
    await expect(subject.getOrCompute(tenantA, 'two', source.compute)).resolves.toBe(4);
  });
});
