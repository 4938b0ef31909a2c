export * from './demo-tenant.types';
export * from './demo-tenants';
export * from './demo-boundaries.paths';
