import { Env, parseEnv } from './env.schema';

/** Injection token and holder of the validated environment. */
export class AppConfig {
  constructor(readonly env: Env) {}

  static fromProcess(overrides: Partial<Record<keyof Env, string>> = {}): AppConfig {
    return new AppConfig(parseEnv({ ...process.env, ...overrides }));
  }
}
