import type * as OpenIdClient from 'openid-client';

export type OpenIdClientModule = typeof OpenIdClient;

let loaded: OpenIdClientModule | undefined;

/**
 * openid-client v6 is an ES module. Node ≥ 20.19 loads it with require()
 * (require(esm)); the lazy load keeps the rest of the app independent of it.
 * Jest's module system cannot load it, so the OIDC e2e test runs the built
 * API in a child process (test/staff/staff-oidc.e2e-spec.ts).
 */
export function openIdClient(): OpenIdClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('openid-client') as OpenIdClientModule;
  return loaded;
}
