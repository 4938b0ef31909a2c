export * from './budget';
export * from './pabulib';
export * from './geo';
export * from './reports';
