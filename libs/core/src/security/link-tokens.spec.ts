import { AppConfig } from '../config/app-config';
import { LinkTokens } from './link-tokens';

describe('LinkTokens', () => {
  const tokens = new LinkTokens(AppConfig.fromProcess({ APP_SECRET: 'a-test-secret-of-length' }));

  it('verifies its own tokens only for the same purpose and id', () => {
    const token = tokens.sign('report-confirm', 'r1');
    expect(tokens.verify('report-confirm', 'r1', token)).toBe(true);
    expect(tokens.verify('report-confirm', 'r2', token)).toBe(false);
    expect(tokens.verify('follow-confirm', 'r1', token)).toBe(false);
    expect(tokens.verify('report-confirm', 'r1', `${token}x`)).toBe(false);
    expect(tokens.verify('report-confirm', 'r1', '')).toBe(false);
  });

  it('depends on the secret', () => {
    const other = new LinkTokens(AppConfig.fromProcess({ APP_SECRET: 'another-secret-value!' }));
    expect(other.sign('report-confirm', 'r1')).not.toBe(tokens.sign('report-confirm', 'r1'));
  });
});
