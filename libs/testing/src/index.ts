export * from './test-database';
export * from './test-config';
export * from './tenant-fixtures';
export * from './throwaway-redis';
export * from './wait-for';
export * from './test-smtp-server';
export * from './throwaway-postgres';
