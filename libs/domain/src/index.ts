export * from './budget';
export * from './pabulib';
