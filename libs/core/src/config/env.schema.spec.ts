import { EnvValidationError, parseEnv } from './env.schema';

describe('parseEnv', () => {
  it('gives working defaults for a developer machine', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe('postgres://mitreden_app@127.0.0.1:5432/mitreden');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.PORT).toBe(3000);
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL: must be a postgres/);
    try {
      parseEnv({ LOG_LEVEL: 'loud', REDIS_URL: 'nope' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvValidationError);
      expect((error as EnvValidationError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'REDIS_URL']);
    }
  });

  it('treats empty variables as unset and parses lists and flags', () => {
    const env = parseEnv({ PORT: '', CORS_ORIGINS: 'https://a.example, https://b.example', MIGRATE_ON_START: 'false' });
    expect(env.PORT).toBe(3000);
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.MIGRATE_ON_START).toBe(false);
  });
});

describe('APP_SECRET', () => {
  it('must be set in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/APP_SECRET: must be set/);
    expect(parseEnv({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) }).APP_SECRET).toHaveLength(32);
  });
});

describe('PHOTO_STORAGE', () => {
  it('needs the S3 settings when set to s3', () => {
    expect(() => parseEnv({ PHOTO_STORAGE: 's3' })).toThrow(/PHOTO_STORAGE: s3 needs S3_ENDPOINT/);
    expect(parseEnv({ PHOTO_STORAGE: 's3', S3_ENDPOINT: 'https://s3.example', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }).PHOTO_STORAGE).toBe('s3');
  });
});
