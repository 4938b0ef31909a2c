import { AttemptLimiter } from './attempt-limiter';

describe('AttemptLimiter', () => {
  it('blocks a key after too many failures within the window, and forgets them afterwards', () => {
    let now = 0;
    const limiter = new AttemptLimiter(() => now);
    const limit = { maxFailures: 3, windowMs: 1000 };
    for (let i = 0; i < 3; i++) {
      expect(limiter.isBlocked('a', limit)).toBe(false);
      limiter.recordFailure('a', limit);
      now += 100;
    }
    expect(limiter.isBlocked('a', limit)).toBe(true);
    expect(limiter.isBlocked('b', limit)).toBe(false);
    now += 1000;
    expect(limiter.isBlocked('a', limit)).toBe(false);
  });
});
