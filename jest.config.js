// One jest run, three kinds of test: pure unit specs, integration specs on the
// real PostgreSQL/Redis, and end-to-end specs (HTTP, browser) in test/.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true, tsx: false }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true }, module: { type: 'commonjs' } }];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const aliases = { '^@app/([a-z0-9-]+)$': '<rootDir>/libs/$1/src' };
// NestJS 12 ships as ES modules; jest on Node 20 cannot require() them, so they are compiled to CommonJS.
const esmPackages = ['@nestjs', 'uid', 'iterare', 'load-esm', 'otplib', '@otplib', '@scure', '@noble', 'openid-client', 'oauth4webapi', 'jose'];
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: aliases,
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '/apps/web/'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,scripts}/**/*.int-spec.ts'], globalSetup: '<rootDir>/libs/testing/src/global-setup.ts', globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts', testTimeout: 60000 },
    // 200,000 reports in one tenant: minutes, so only on request (npm run test:scale).
    ...(process.env.MITREDEN_SCALE_TEST === '1'
      ? [{ ...base, displayName: 'scale', testMatch: ['<rootDir>/test/**/*.scale-spec.ts'], globalSetup: '<rootDir>/libs/testing/src/global-setup.ts', globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts' }]
      : []),
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], globalSetup: '<rootDir>/libs/testing/src/global-setup.ts', globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts', testTimeout: 120000 },
  ],
};
